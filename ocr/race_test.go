//go:build race

package ocr

const raceBuild = true

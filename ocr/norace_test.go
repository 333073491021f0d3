//go:build !race

package ocr

const raceBuild = false

//go:build !race

package photogen

const raceBuild = false

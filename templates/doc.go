// Package templates holds apobot's html/template pages and static assets,
// embedded in the binary, so the service serves no third-party asset.
//
// It owns markup and styles only: no handlers, no data access, no domain rules.
package templates

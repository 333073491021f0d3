package engine_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// Bounds of a function in the language pipeline's packages: a longer or
// more branched one reads several things at once and is to be split.
const (
	maxFuncLines    = 60
	maxFuncBranches = 15
)

// pipelinePackages are the directories, from here, whose functions are held
// to those bounds.
var pipelinePackages = []string{".", "../match", "../redact", "../triage", "../plan", "../nlu"}

// tooLongYet are functions still over the bounds, by package and name as
// funcName writes it ("engine.(*dialog).request").
var tooLongYet = map[string]bool{
	// being split (issue 29)
}

// TestFunctionSize fails for each function of the pipeline's packages (test
// files aside) that is longer than maxFuncLines lines or has more than
// maxFuncBranches branches (if, case, for, range, select cases; a closure's
// count with its function), naming each, unless tooLongYet lists it; and
// for an entry of tooLongYet that is within the bounds now, or gone.
func TestFunctionSize(t *testing.T) {
	fset := token.NewFileSet()
	over := map[string]bool{}
	for _, dir := range pipelinePackages {
		for _, fn := range funcDecls(t, fset, dir) {
			lines := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
			branches := countBranches(fn.Body)
			if lines <= maxFuncLines && branches <= maxFuncBranches {
				continue
			}
			name := packageName(dir) + "." + funcName(fn)
			over[name] = true
			if !tooLongYet[name] {
				t.Errorf("%s (%s): %d lines, %d branches; want at most %d and %d", name, fset.Position(fn.Pos()), lines, branches, maxFuncLines, maxFuncBranches)
			}
		}
	}
	for name := range tooLongYet {
		if !over[name] {
			t.Errorf("%s is within the bounds now, or gone: take it off tooLongYet", name)
		}
	}
}

// funcDecls parses the Go files of dir, test files aside, and returns their
// functions with a body.
func funcDecls(t *testing.T, fset *token.FileSet, dir string) []*ast.FuncDecl {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	var fns []*ast.FuncDecl
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Body != nil {
				fns = append(fns, fn)
			}
		}
	}
	return fns
}

// packageName is the package in dir: "engine" for ".", "match" for
// "../match".
func packageName(dir string) string {
	if dir == "." {
		return "engine"
	}
	return filepath.Base(dir)
}

// funcName is a function's name with its receiver's type: "(*Catalog).Match",
// "ParseRequest".
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	recv := fn.Recv.List[0].Type
	if ix, ok := recv.(*ast.IndexExpr); ok { // a generic receiver: T[E]
		recv = ix.X
	}
	star := ""
	if s, ok := recv.(*ast.StarExpr); ok {
		star, recv = "*", s.X
	}
	if ix, ok := recv.(*ast.IndexExpr); ok {
		recv = ix.X
	}
	return fmt.Sprintf("(%s%s).%s", star, recv.(*ast.Ident).Name, fn.Name.Name)
}

// countBranches counts the places where a function's way forks: if, each
// case of a switch or select, for and range.
func countBranches(body *ast.BlockStmt) int {
	n := 0
	ast.Inspect(body, func(node ast.Node) bool {
		switch node.(type) {
		case *ast.IfStmt, *ast.CaseClause, *ast.CommClause, *ast.ForStmt, *ast.RangeStmt:
			n++
		}
		return true
	})
	return n
}

// maxEngineMethods bounds the runtime's methods: what is not the runtime's
// (the dialog, photo intake, the staff's decisions) has a type of its own.
const maxEngineMethods = 30

// TestEngineStaysSmall counts the methods of Engine in the package's
// non-test files.
func TestEngineStaysSmall(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv != nil && receiverName(fd) == "Engine" {
				names = append(names, fd.Name.Name)
			}
		}
	}
	if len(names) > maxEngineMethods {
		t.Fatalf("Engine has %d methods, want at most %d: %v", len(names), maxEngineMethods, names)
	}
	t.Logf("Engine has %d methods", len(names))
}

func receiverName(fd *ast.FuncDecl) string {
	x := fd.Recv.List[0].Type
	if s, ok := x.(*ast.StarExpr); ok {
		x = s.X
	}
	if id, ok := x.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

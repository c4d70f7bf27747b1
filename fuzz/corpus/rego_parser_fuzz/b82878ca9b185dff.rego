package foo.package

bar := 42

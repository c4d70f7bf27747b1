package foo.contains

bar := 42

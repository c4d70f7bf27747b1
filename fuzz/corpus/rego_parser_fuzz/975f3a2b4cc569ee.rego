package test

p := a[b].c if b := "b"

a.b.c := "C"

a.x.d := "D"

package test

p[q].r.s := i if q := ["a", "b", "c"][i]

p.d.r := 3

p.e := 4

package test

a.b[x] := i if some i, x in [1, 2, 3]

package test

q[7] := 8

a[x] if q[x]

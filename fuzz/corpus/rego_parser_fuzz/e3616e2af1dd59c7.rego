package test

p[true] := true

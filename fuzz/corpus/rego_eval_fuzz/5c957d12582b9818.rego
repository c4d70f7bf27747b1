package test.a

b.c.d contains 2

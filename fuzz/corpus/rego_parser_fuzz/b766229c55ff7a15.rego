package topdown.virtual.constants

p := 1

q := 2

r := 1

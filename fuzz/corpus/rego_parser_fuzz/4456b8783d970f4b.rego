package test

q := 0

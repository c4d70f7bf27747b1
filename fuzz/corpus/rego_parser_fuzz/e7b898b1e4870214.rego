package test

p := object.keys(input.obj)

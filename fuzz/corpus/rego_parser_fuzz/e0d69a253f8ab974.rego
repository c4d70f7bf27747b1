package generated

p := 3.0

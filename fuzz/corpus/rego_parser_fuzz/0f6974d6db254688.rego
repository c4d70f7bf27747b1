package generated

p := []

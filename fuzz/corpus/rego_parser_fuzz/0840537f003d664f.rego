package a

b := {"foo", "bar"}

package test
p := regex.replace("foo barx", "[a-z]{3}", "_")

package test

p.allow[action][resource] if { action := "list"; resource := "fruit" }

p.unrelated.eat.veggies if true

q := p[input.rule][input.action][input.resource]

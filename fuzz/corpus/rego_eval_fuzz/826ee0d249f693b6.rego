package test

p if {
  if.foo == {"a", "c"}
  foo.if == {"a", "c"}
}

if.foo contains "a"

if.foo contains "b" if {
  false
}

if.foo contains "c" if {
  true
}

foo.if contains "a"

foo.if contains "b" if {
  false
}

foo.if contains "c" if {
  true
}

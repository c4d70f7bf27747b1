package test

p if {
  package.foo == {"a", "c"}
  foo.package == {"a", "c"}
}

package.foo contains "a"

package.foo contains "b" if {
  false
}

package.foo contains "c" if {
  true
}

foo.package contains "a"

foo.package contains "b" if {
  false
}

foo.package contains "c" if {
  true
}

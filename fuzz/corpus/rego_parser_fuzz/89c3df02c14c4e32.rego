package foo
import data.foo.package.bar

p if {
  bar.baz == 42
  data.foo.package.bar.baz == 42
}

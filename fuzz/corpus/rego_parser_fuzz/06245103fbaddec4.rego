package test.l1.l2

p := true

f(__local424__) := __local424__

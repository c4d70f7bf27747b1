package test.l1.l3

g(__local259__) := __local259__

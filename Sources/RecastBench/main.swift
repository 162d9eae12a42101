// Release-build benchmarks; scripts/bench runs this beside its Python peers.
print("recast-bench")

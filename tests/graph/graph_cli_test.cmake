# Runs `proof graph` end to end: ingest with receipts, every query kind, check, receipt, and
# bad input (message naming the problem, non-zero exit, nothing written).
# Invoked by CTest with -DPROOF=... -DWORK_DIR=...

function(expect_run expected_code)
  execute_process(COMMAND ${PROOF} ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if(NOT code EQUAL expected_code)
    message(FATAL_ERROR "proof ${ARGN}: exit ${code}, expected ${expected_code}\n${out}\n${err}")
  endif()
  set(last_out "${out}" PARENT_SCOPE)
  set(last_err "${err}" PARENT_SCOPE)
endfunction()

function(expect_match text pattern)
  if(NOT text MATCHES "${pattern}")
    message(FATAL_ERROR "expected ${pattern} in:\n${text}")
  endif()
endfunction()

set(dir ${WORK_DIR}/graph_cli)
file(REMOVE_RECURSE ${dir})
file(MAKE_DIRECTORY ${dir})
set(data ${dir}/data)
file(WRITE ${dir}/nodes.csv "1\n2\n3\n4\n5\n42\n")
file(WRITE ${dir}/edges.csv "1,2,5,1307526243.27345\n2,3,-1,1307526244\n3,1,2,1307526245\n42,4,1,1307526246\n")
file(WRITE ${dir}/bad_edges.csv "1,4,3,1307526250\n4,5,notanumber,1307526251\n")
file(WRITE ${dir}/more.ndjson "{\"src\":\"4\",\"dst\":\"5\",\"type\":\"PAID\",\"observed_at\":\"2020-01-01T00:00:00Z\"}\n")

# Appending needs the data directory's signing key.
file(MAKE_DIRECTORY ${data}/keys)
expect_run(0 keygen --out ${data}/keys/checkpoint.key)

# Bad arguments and rows: a message, exit 2, and the graph unchanged.
expect_run(2 graph ingest --data ${data})
expect_match("${last_err}" "--nodes")
expect_run(2 graph ingest --data ${data} --nodes ${dir}/nodes.csv --node-columns id,id)
expect_match("${last_err}" "declared twice")
expect_run(2 graph ingest --data ${data} --nodes ${dir}/missing.csv --node-columns id)
expect_match("${last_err}" "missing.csv")
expect_run(2 graph ingest --data ${data} --edges ${dir}/edges.csv --edge-columns src,dst,rating:int,time:time)
expect_match("${last_err}" "edges.csv:1: .*not a node")

expect_run(0 graph ingest --data ${data} --nodes ${dir}/nodes.csv --node-columns id
             --edges ${dir}/edges.csv --edge-columns src,dst,rating:int,time:time --batch 2)
expect_match("${last_out}" "\"batches\":5")
expect_match("${last_out}" "\"graph_edges\":4")

expect_run(2 graph ingest --data ${data} --edges ${dir}/bad_edges.csv
             --edge-columns src,dst,rating:int,time:time)
expect_match("${last_err}" "bad_edges.csv:2: .*rating")
expect_run(0 graph query degree --node 1 --direction both --data ${data})
expect_match("${last_out}" "\"degree\":2")

expect_run(0 graph ingest --data ${data} --edges ${dir}/more.ndjson --format ndjson)

expect_run(0 graph query component-size --node 42 --data ${data})
expect_match("${last_out}" "\"component_size\":3")
expect_match("${last_out}" "\"node\":\"42\"")
expect_run(0 graph query component-size --node 1 --limit 2 --data ${data})
expect_match("${last_out}" "\"exceeded\":true")
expect_run(0 graph query shortest-path --from 1 --to 3 --data ${data})
expect_match("${last_out}" "\"length\":2")
expect_run(0 graph query shortest-path --from 1 --to 42 --data ${data})
expect_match("${last_out}" "\"length\":null")
expect_run(0 graph query neighbors --node 42 --data ${data})
expect_match("${last_out}" "\"id\":\"4\"")
expect_run(0 graph query k-hop --node 42 --hops 2 --data ${data})
expect_match("${last_out}" "\"reached\":2")
expect_run(0 graph query neighbors --node 4 --type PAID --data ${data})
expect_match("${last_out}" "\"id\":\"5\"")

expect_run(2 graph query degree --node nobody --data ${data})
expect_match("${last_err}" "nobody")
expect_run(2 graph query neighbors --node 1 --direction sideways --data ${data})
expect_match("${last_err}" "direction")
expect_run(2 graph query k-hop --node 1 --hops 0 --data ${data})
expect_run(2 graph query degree --node 1 --data ${dir}/nowhere)

expect_run(0 graph check --deep --data ${data})
expect_match("${last_out}" "\"agree\":true")
expect_run(0 graph receipt --batch 2 --position 1 --data ${data})
expect_match("${last_out}" "records_proof")
expect_run(2 graph receipt --batch 9 --position 0 --data ${data})

expect_run(0 graph archive --older-than 1d --data ${data})
expect_match("${last_out}" "\"archived_edges\":5")
expect_run(0 graph query degree --node 1 --direction both --data ${data})
expect_match("${last_out}" "\"degree\":0")
expect_run(0 graph query degree --node 1 --direction both --include-archive --data ${data})
expect_match("${last_out}" "\"degree\":2")

# A pack whose rules call graph.* (PACKS_DIR/graph_reach.v1), evaluated with `proof eval
# --graph` and decided with `proof adapt --data` against an ingested graph: a - b - c is small,
# h has five contacts in a network of six.
set(reach ${dir}/reach)
file(MAKE_DIRECTORY ${reach}/keys)
expect_run(0 keygen --out ${reach}/keys/checkpoint.key)
file(WRITE ${dir}/reach_nodes.csv "a\nb\nc\nh\nx1\nx2\nx3\nx4\nx5\n")
file(WRITE ${dir}/reach_edges.csv "a,b\nb,c\nh,x1\nh,x2\nx3,h\nx4,h\nh,x5\n")
expect_run(0 graph ingest --data ${reach} --nodes ${dir}/reach_nodes.csv --node-columns id
             --edges ${dir}/reach_edges.csv --edge-columns src,dst)
file(WRITE ${dir}/subject_a.json "{\"subject\":\"a\"}")
file(WRITE ${dir}/subject_h.json "{\"subject\":\"h\"}")
set(pack ${PACKS_DIR}/graph_reach.v1)

expect_run(0 eval -d ${pack} --graph ${reach} -i ${dir}/subject_a.json data.graph_reach.small_network)
expect_match("${last_out}" "\"value\": true")
expect_run(0 eval -d ${pack} --graph ${reach} -i ${dir}/subject_h.json
             "graph.component_size(input.subject, {})")
expect_match("${last_out}" "\"value\": 6")
expect_run(0 eval -d ${pack} --graph ${reach} -i ${dir}/subject_h.json data.graph_reach.few_contacts)
expect_match("${last_out}" "^{}")
# Without a graph, or with a directory holding none: refused, naming what is missing.
expect_run(2 eval -d ${pack} -i ${dir}/subject_a.json data.graph_reach.small_network)
expect_match("${last_err}" "calls graph\\.component_size.*--graph")
expect_run(2 eval -d ${pack} --graph ${dir}/nowhere -i ${dir}/subject_a.json data.graph_reach.small_network)
expect_match("${last_err}" "holds no graph")

expect_run(0 adapt --packs ${PACKS_DIR} --policy graph_reach.v1 --context ${dir}/subject_a.json
             --data ${reach})
expect_match("${last_out}" "\"allow\": true")
expect_run(1 adapt --packs ${PACKS_DIR} --policy graph_reach.v1 --context ${dir}/subject_h.json
             --data ${reach})
expect_match("${last_out}" "h has more than 2 contacts")
expect_match("${last_out}" "the network of h has more than 4 members")
expect_run(2 adapt --packs ${PACKS_DIR} --policy graph_reach.v1 --context ${dir}/subject_a.json)
expect_match("${last_err}" "calls graph\\.")

# Runs `proof adapt` as the README does and checks its outputs and exit codes.
# Invoked by CTest with -DPROOF=... -DSOURCE_DIR=... -DWORK_DIR=...

function(expect_run expected_code)
  execute_process(COMMAND ${PROOF} ${ARGN} WORKING_DIRECTORY ${SOURCE_DIR}
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL expected_code)
    message(FATAL_ERROR "proof ${ARGN}: exit ${code}, expected ${expected_code}\n${out}\n${err}")
  endif()
  set(last_out "${out}" PARENT_SCOPE)
  set(last_err "${err}" PARENT_SCOPE)
endfunction()

function(expect_same_file a b)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${a} ${b} RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "${a} differs from ${b}")
  endif()
endfunction()

# The README's main job: the golden plan, byte for byte, with -o and on stdout.
expect_run(0 adapt --policy lksg.v1 --context examples/context_ok.json --dry-run
             -o ${WORK_DIR}/plan_ok.json)
expect_same_file(${WORK_DIR}/plan_ok.json ${SOURCE_DIR}/examples/plan_ok.json)
expect_run(0 adapt --policy lksg.v1 --context examples/context_ok.json --dry-run)
file(READ ${SOURCE_DIR}/examples/plan_ok.json golden)
if(NOT last_out STREQUAL golden)
  message(FATAL_ERROR "stdout plan differs from examples/plan_ok.json")
endif()

# Weighted selection reproduces its golden plan.
expect_run(0 adapt --policy lksg.v1 --context examples/context_ok.json --selector weighted
             --weights examples/weights/lksg.v1.yaml --dry-run -o ${WORK_DIR}/ok_weighted.json)
expect_same_file(${WORK_DIR}/ok_weighted.json ${SOURCE_DIR}/examples/plans/lksg.v1/ok_weighted.json)

# Without --dry-run: the decision; exit 0 allows, 1 denies.
expect_run(0 adapt --policy lksg.v1 --context examples/context_ok.json)
if(NOT last_out MATCHES "\"allow\": true")
  message(FATAL_ERROR "expected an allowing decision:\n${last_out}")
endif()
expect_run(1 adapt --policy lksg.v1 --context examples/contexts/lksg.v1/stale_audit.json)
file(READ ${SOURCE_DIR}/examples/decisions/lksg.v1/stale_audit.json golden)
if(NOT last_out STREQUAL golden)
  message(FATAL_ERROR "decision differs from examples/decisions/lksg.v1/stale_audit.json")
endif()

# Bad input: a clear message and exit 2.
expect_run(2 adapt --policy lksg.v9 --context examples/context_ok.json --dry-run)
if(NOT last_err MATCHES "no pack lksg.v9 in examples/packs")
  message(FATAL_ERROR "unclear message for a missing pack: ${last_err}")
endif()
expect_run(2 adapt --policy ../etc --context examples/context_ok.json --dry-run)
expect_run(2 adapt --policy lksg.v1 --context examples/missing.json --dry-run)
expect_run(2 adapt --policy lksg.v1 --context examples/packs/lksg.v1/pack.yaml --dry-run)
if(NOT last_err MATCHES "json_parse_error")
  message(FATAL_ERROR "unclear message for a non-JSON context: ${last_err}")
endif()
expect_run(2 adapt --policy lksg.v1 --context examples/contexts/retention.v1/read_record.json --dry-run)
if(NOT last_err MATCHES "input_schema_violation")
  message(FATAL_ERROR "unclear message for a context outside the schema: ${last_err}")
endif()
expect_run(2 adapt --policy lksg.v1 --context examples/context_ok.json --selector fancy --dry-run)
expect_run(2 adapt --policy lksg.v1 --context examples/context_ok.json --selector weighted --dry-run)
expect_run(2 adapt --policy lksg.v1 --context examples/context_ok.json --selector basic
             --weights examples/weights/lksg.v1.yaml --dry-run)
expect_run(2 adapt --policy retention.v1 --context examples/contexts/retention.v1/read_record.json
             --weights examples/weights/lksg.v1.yaml --dry-run)
if(NOT last_err MATCHES "weights are for pack lksg.v1")
  message(FATAL_ERROR "unclear message for weights of another pack: ${last_err}")
endif()

# Runs `proof minimize` on the example rows and checks the golden output and report, and that
# bad input gives a clear message, exit 2 and no output file.
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

function(expect_err pattern)
  if(NOT last_err MATCHES "${pattern}")
    message(FATAL_ERROR "stderr lacks \"${pattern}\": ${last_err}")
  endif()
endfunction()

set(rows examples/minimize/customers.ndjson)
set(keys examples/minimize/example_keys.json)
set(golden ${SOURCE_DIR}/examples/minimize/customers.support_export.ndjson)
set(golden_report ${SOURCE_DIR}/examples/minimize/customers.support_export.report.json)

# The golden rows, with -o and on stdout; the report in --report and on stderr.
file(REMOVE ${WORK_DIR}/min.ndjson ${WORK_DIR}/min.report.json)
expect_run(0 minimize --pack minimization.v1 --view support_export --in ${rows} --key-file ${keys}
             -o ${WORK_DIR}/min.ndjson --report ${WORK_DIR}/min.report.json)
expect_same_file(${WORK_DIR}/min.ndjson ${golden})
expect_same_file(${WORK_DIR}/min.report.json ${golden_report})
expect_run(0 minimize --pack examples/packs/minimization.v1 --view support_export --in ${rows}
             --key-file ${keys})
file(READ ${golden} golden_text)
file(READ ${golden_report} golden_report_text)
if(NOT last_out STREQUAL golden_text)
  message(FATAL_ERROR "stdout differs from ${golden}:\n${last_out}")
endif()
if(NOT last_err STREQUAL golden_report_text)
  message(FATAL_ERROR "stderr report differs from ${golden_report}:\n${last_err}")
endif()

# Errors: a clear message naming the code, exit 2, nothing written.
file(REMOVE ${WORK_DIR}/none.ndjson)
expect_run(2 minimize --pack minimization.v1 --view everything --in ${rows} --key-file ${keys}
             -o ${WORK_DIR}/none.ndjson)
expect_err("view_not_found.*no view \"everything\" \\(views: support_export\\)")
expect_run(2 minimize --pack minimization.v1 --view support_export --in ${rows}
             -o ${WORK_DIR}/none.ndjson)
expect_err("hash_key_missing.*customer_pseudonyms")
file(WRITE ${WORK_DIR}/bad_rows.ndjson "{\"email\": \"a@b.c\"}\n\n{\"salary\": \"high\"}\n")
expect_run(2 minimize --pack minimization.v1 --view support_export --in ${WORK_DIR}/bad_rows.ndjson
             --key-file ${keys} -o ${WORK_DIR}/none.ndjson)
expect_err("transform_invalid.*bad_rows.ndjson:3: field salary: bucket needs a number, got string")
file(WRITE ${WORK_DIR}/not_json.ndjson "{\"email\": \"a@b.c\"}\n{nope\n")
expect_run(2 minimize --pack minimization.v1 --view support_export --in ${WORK_DIR}/not_json.ndjson
             --key-file ${keys} -o ${WORK_DIR}/none.ndjson)
expect_err("not_json.ndjson:2")
file(WRITE ${WORK_DIR}/short_key.json "{\"customer_pseudonyms\": \"00ff\"}")
expect_run(2 minimize --pack minimization.v1 --view support_export --in ${rows}
             --key-file ${WORK_DIR}/short_key.json -o ${WORK_DIR}/none.ndjson)
expect_err("at least 16 bytes")
expect_run(2 minimize --pack nosuch.v1 --view v --in ${rows})
expect_err("pack_not_found")
if(EXISTS ${WORK_DIR}/none.ndjson)
  message(FATAL_ERROR "a failed run wrote ${WORK_DIR}/none.ndjson")
endif()

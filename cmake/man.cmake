# Writes the man page: `KABI --man` into OUT, through a temporary file so
# that a failed run leaves no half page behind.
execute_process(COMMAND ${KABI} --man OUTPUT_FILE ${OUT}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
	file(REMOVE ${OUT}.tmp)
	message(FATAL_ERROR "${KABI} --man failed: ${rc}")
endif()
file(RENAME ${OUT}.tmp ${OUT})

# Turns the file IN into a C source OUT defining `const char kabi_schema_sql[]`.
file(READ ${IN} HEX HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," HEX "${HEX}")
file(WRITE ${OUT} "/* generated from db/schema.sql - do not edit */\nconst char kabi_schema_sql[] = {${HEX} 0x00};\n")

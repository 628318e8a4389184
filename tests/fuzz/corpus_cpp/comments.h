/* c */ # /* c */ define X \
 1 // \
 x
"a/*"X'\'' /* 
*/ X

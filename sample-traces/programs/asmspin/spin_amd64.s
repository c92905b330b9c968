#include "textflag.h"

// func spinAsm(n uint64) uint64
// A loop with no calls and no stack map: never an async safe point.
TEXT ·spinAsm(SB), NOSPLIT, $0-16
	MOVQ n+0(FP), CX
loop:
	DECQ CX
	JNZ loop
	MOVQ CX, ret+8(FP)
	RET

#include "textflag.h"

// func gramQuadAVX2(gram, xty *float64, rows *[4]*float64, w, y *[4]float64, p int)
//
// Registers: DI &gram[a][a], SI &xty[a], R8-R11 &row_j[a], CX columns left
// (p - a), DX = p·8 + 8 (from gram[a][a] to gram[a+1][a+1]), BX the column offset in the inner loop.
// Y8 = w, Y9 = y, Y10 = zero; Y0-Y3 hold x_j in every lane.
TEXT ·gramQuadAVX2(SB), NOSPLIT, $0-48
	MOVQ gram+0(FP), DI
	MOVQ xty+8(FP), SI
	MOVQ rows+16(FP), AX
	MOVQ 0(AX), R8
	MOVQ 8(AX), R9
	MOVQ 16(AX), R10
	MOVQ 24(AX), R11
	MOVQ w+24(FP), AX
	VMOVUPD (AX), Y8
	MOVQ y+32(FP), AX
	VMOVUPD (AX), Y9
	MOVQ p+40(FP), CX
	LEAQ 8(CX*8), DX
	VXORPD Y10, Y10, Y10
	TESTQ CX, CX
	JLE done

column:
	// Y4 = (row0[a], row1[a], row2[a], row3[a]), then x = w · Y4.
	VMOVSD (R8), X4
	VMOVHPD (R9), X4, X4
	VMOVSD (R10), X5
	VMOVHPD (R11), X5, X5
	VINSERTF128 $1, X5, Y4, Y4
	VMULPD Y4, Y8, Y4
	// Skip the column when every x is zero (an ordered compare: NaN is not zero).
	VCMPPD $0, Y10, Y4, Y5
	VMOVMSKPD Y5, AX
	CMPQ AX, $15
	JEQ next

	// xty[a] += ((x0·y0 + x1·y1) + x2·y2) + x3·y3
	VMULPD Y9, Y4, Y5
	VUNPCKHPD X5, X5, X6
	VADDSD X6, X5, X7
	VEXTRACTF128 $1, Y5, X5
	VADDSD X5, X7, X7
	VUNPCKHPD X5, X5, X6
	VADDSD X6, X7, X7
	VADDSD (SI), X7, X7
	VMOVSD X7, (SI)

	VPERMPD $0x00, Y4, Y0
	VPERMPD $0x55, Y4, Y1
	VPERMPD $0xAA, Y4, Y2
	VPERMPD $0xFF, Y4, Y3

	XORQ BX, BX
	MOVQ CX, R12
	SUBQ $4, R12
	JL tail

quad:
	VMULPD (R8)(BX*8), Y0, Y4
	VMULPD (R9)(BX*8), Y1, Y5
	VADDPD Y5, Y4, Y4
	VMULPD (R10)(BX*8), Y2, Y5
	VADDPD Y5, Y4, Y4
	VMULPD (R11)(BX*8), Y3, Y5
	VADDPD Y5, Y4, Y4
	VMOVUPD (DI)(BX*8), Y5
	VADDPD Y4, Y5, Y5
	VMOVUPD Y5, (DI)(BX*8)
	ADDQ $4, BX
	CMPQ BX, R12
	JLE quad

tail:
	CMPQ BX, CX
	JGE next
	VMULSD (R8)(BX*8), X0, X4
	VMULSD (R9)(BX*8), X1, X5
	VADDSD X5, X4, X4
	VMULSD (R10)(BX*8), X2, X5
	VADDSD X5, X4, X4
	VMULSD (R11)(BX*8), X3, X5
	VADDSD X5, X4, X4
	VMOVSD (DI)(BX*8), X5
	VADDSD X4, X5, X5
	VMOVSD X5, (DI)(BX*8)
	INCQ BX
	JMP tail

next:
	ADDQ DX, DI
	ADDQ $8, SI
	ADDQ $8, R8
	ADDQ $8, R9
	ADDQ $8, R10
	ADDQ $8, R11
	DECQ CX
	JNZ column

done:
	VZEROUPPER
	RET

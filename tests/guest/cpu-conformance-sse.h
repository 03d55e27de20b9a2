/*
 * cpu-conformance, second half: SSE..SSE4.2, AES, PCLMULQDQ and x87 (included by
 * cpu-conformance.c, which has the hashing helpers).
 */

typedef v2 (*vfn)(v2 x, v2 y);
typedef struct { const char *name; vfn op; } named_op;
/* dbl: the inputs are doubles, not floats; FINITE: no NaN inputs */
#define FINITE 2
typedef struct { const char *name; vfn op; int dbl; } float_op;
#define VOP(name, text)                                                                        \
    static v2 name(v2 x, v2 y)                                                                 \
    {                                                                                          \
        __asm__ volatile(text " %[y], %[x]" : [x] "+x"(x) : [y] "x"(y));                       \
        return x;                                                                              \
    }
#define V(name) {#name, name}

static const uint32_t floats[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbfc00000, 0x7f800000, 0xff800000, 0x7fc00000,
    0xc0490fdb, 0x00000001, 0x007fffff, 0x00800000, 0x7f7fffff, 0x40400000, 0x3eaaaaab,
    0xc2f6e979, 0x4b000001,
};
static const uint64_t doubles[] = {
    0, 0x8000000000000000ULL, 0x3ff0000000000000ULL, 0xbff8000000000000ULL,
    0x7ff0000000000000ULL, 0xfff0000000000000ULL, 0x7ff8000000000000ULL, 0xc00921fb54442d18ULL,
    1, 0x000fffffffffffffULL, 0x0010000000000000ULL, 0x7fefffffffffffffULL,
    0x4008000000000000ULL, 0x3fd5555555555555ULL, 0xc05edd2f1a9fbe77ULL, 0x4330000000000001ULL,
};

/* Four floats or two doubles from the tables, starting at entry i. */
static v2 fvec(int i, int dbl)
{
    v2 r;
    if (dbl) {
        r[0] = doubles[i % 16];
        r[1] = doubles[(i + 5) % 16];
    } else {
        r[0] = floats[i % 16] | (uint64_t)floats[(i + 3) % 16] << 32;
        r[1] = floats[(i + 7) % 16] | (uint64_t)floats[(i + 11) % 16] << 32;
    }
    return r;
}

/* Runs op with MXCSR = mxcsr and records the result and the MXCSR it leaves (apart, for the
 * floating-point ops; the integer ops must leave it alone). */
static void vrun(const char *name, vfn op, v2 x, v2 y, uint32_t mxcsr, int fp)
{
    uint32_t after, standard = 0x1f80;
    __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
    v2 r = op(x, y);
    __asm__ volatile("stmxcsr %0\n\tldmxcsr %1" : "=m"(after) : "m"(standard));
    rec(r[0], r[1], "%s %llx:%llx %llx:%llx mxcsr %x", name, (unsigned long long)x[1],
        (unsigned long long)x[0], (unsigned long long)y[1], (unsigned long long)y[0], mxcsr);
    if (fp)
        mix_flags(after);
    else
        want(after, mxcsr, name, x[0], y[0]);
}

VOP(addps, "addps") VOP(subps, "subps") VOP(mulps, "mulps") VOP(divps, "divps")
VOP(minps, "minps") VOP(maxps, "maxps") VOP(sqrtps, "sqrtps") VOP(andnps, "andnps")
VOP(cmpltps, "cmpps $1,") VOP(cmpunordps, "cmpps $3,") VOP(cmpnleps, "cmpps $6,")
VOP(shufps, "shufps $0x1b,") VOP(unpckhps, "unpckhps") VOP(cvtps2dq, "cvtps2dq")
VOP(cvttps2dq, "cvttps2dq") VOP(cvtdq2ps, "cvtdq2ps") VOP(cvtps2pd, "cvtps2pd")
VOP(addss, "addss") VOP(divss, "divss") VOP(sqrtss, "sqrtss")
VOP(addpd, "addpd") VOP(subpd, "subpd") VOP(mulpd, "mulpd") VOP(divpd, "divpd")
VOP(minpd, "minpd") VOP(maxpd, "maxpd") VOP(sqrtpd, "sqrtpd") VOP(cmpeqpd, "cmppd $0,")
VOP(cmplepd, "cmppd $2,") VOP(cmpneqpd, "cmppd $4,") VOP(cmpordpd, "cmppd $7,")
VOP(cvtpd2ps, "cvtpd2ps") VOP(cvtpd2dq, "cvtpd2dq") VOP(cvttpd2dq, "cvttpd2dq")
VOP(addsd, "addsd") VOP(mulsd, "mulsd") VOP(divsd, "divsd") VOP(sqrtsd, "sqrtsd")
VOP(minsd, "minsd") VOP(cvtsd2ss, "cvtsd2ss") VOP(cvtss2sd, "cvtss2sd")
VOP(roundps0, "roundps $0,") VOP(roundps1, "roundps $1,") VOP(roundps2, "roundps $2,")
VOP(roundps3, "roundps $3,") VOP(roundps4, "roundps $4,") VOP(roundpd9, "roundpd $9,")
VOP(roundsd2, "roundsd $2,") VOP(roundss4, "roundss $4,")
VOP(dppd, "dppd $0x31,") VOP(insertps, "insertps $0x9c,") VOP(blendps, "blendps $5,")

static int has_nan(v2 v, int dbl)
{
    for (int k = 0; k < (dbl ? 2 : 4); k++) {
        uint64_t bits = dbl ? v[k] : (uint32_t)(v[k / 2] >> (32 * (k % 2)));
        if (dbl ? (bits & ~(1ULL << 63)) > 0x7ff0000000000000ULL : (bits & 0x7fffffff) > 0x7f800000)
            return 1;
    }
    return 0;
}

/* Every op on every pair of table vectors, in each of the given MXCSR modes. */
static void run_float_ops(const char *group, const float_op *ops, int n, const uint32_t *modes,
                          int nmodes)
{
    begin();
    for (int o = 0; o < n; o++)
        for (int i = 0; i < 16; i++)
            for (int j = 0; j < 16; j++)
                for (int m = 0; m < nmodes; m++) {
                    int dbl = ops[o].dbl & 1;
                    v2 x = fvec(i, dbl), y = fvec(j * 3 + 1, dbl);
                    if ((ops[o].dbl & FINITE) && (has_nan(x, dbl) || has_nan(y, dbl)))
                        continue;
                    vrun(ops[o].name, ops[o].op, x, y, modes[m], 1);
                }
    end(group);
}

/* round to nearest, down, up, toward zero */
static const uint32_t rounding_modes[] = {0x1f80, 0x3f80, 0x5f80, 0x7f80};

static void sse_float(void)
{
    static const float_op ps[] = {
        {"addps", addps, 0}, {"subps", subps, 0}, {"mulps", mulps, 0}, {"divps", divps, 0},
        {"minps", minps, 0}, {"maxps", maxps, 0}, {"sqrtps", sqrtps, 0}, {"andnps", andnps, 0},
        {"cmpltps", cmpltps, 0}, {"cmpunordps", cmpunordps, 0}, {"cmpnleps", cmpnleps, 0},
        {"shufps", shufps, 0}, {"unpckhps", unpckhps, 0}, {"cvtps2dq", cvtps2dq, 0},
        {"cvttps2dq", cvttps2dq, 0}, {"cvtdq2ps", cvtdq2ps, 0}, {"cvtps2pd", cvtps2pd, 0},
        {"addss", addss, 0}, {"divss", divss, 0}, {"sqrtss", sqrtss, 0},
        {"addpd", addpd, 1}, {"subpd", subpd, 1}, {"mulpd", mulpd, 1}, {"divpd", divpd, 1},
        {"minpd", minpd, 1}, {"maxpd", maxpd, 1}, {"sqrtpd", sqrtpd, 1},
        {"cmpeqpd", cmpeqpd, 1}, {"cmplepd", cmplepd, 1}, {"cmpneqpd", cmpneqpd, 1},
        {"cmpordpd", cmpordpd, 1}, {"cvtpd2ps", cvtpd2ps, 1}, {"cvtpd2dq", cvtpd2dq, 1},
        {"cvttpd2dq", cvttpd2dq, 1}, {"addsd", addsd, 1}, {"mulsd", mulsd, 1},
        {"divsd", divsd, 1}, {"sqrtsd", sqrtsd, 1}, {"minsd", minsd, 1},
        {"cvtsd2ss", cvtsd2ss, 1}, {"cvtss2sd", cvtss2sd, 0},
    };
    const uint32_t *modes = rounding_modes;
    run_float_ops("sse-float", ps, sizeof ps / sizeof ps[0], modes, 4);
    /* comparisons into EFLAGS and conversions to integer registers */
    begin();
    for (int i = 0; i < 16; i++)
        for (int j = 0; j < 16; j++) {
            v2 x = fvec(i, 1), y = fvec(j, 1);
            uint64_t f1 = 0x2 | ARITH, f2 = 0x2;
            __asm__ volatile(PRE "comisd %[y], %[x]" POST : [f] "+r"(f1) : [x] "x"(x), [y] "x"(y) : "cc");
            __asm__ volatile(PRE "ucomiss %[y], %[x]" POST : [f] "+r"(f2)
                             : [x] "x"(fvec(i, 0)), [y] "x"(fvec(j, 0)) : "cc");
            rec(f1 & ARITH, f2 & ARITH, "comisd/ucomiss %d %d", i, j);
        }
    for (int i = 0; i < 16; i++)
        for (unsigned m = 0; m < 4; m++) {
            int64_t r[4];
            __asm__ volatile("ldmxcsr %[m]\n\tcvtsd2si %[d], %[r0]\n\tcvttsd2si %[d], %[r1]\n\t"
                             "cvtss2si %[s], %k[r2]\n\tcvttss2si %[s], %[r3]"
                             : [r0] "=&r"(r[0]), [r1] "=&r"(r[1]), [r2] "=&r"(r[2]), [r3] "=&r"(r[3])
                             : [m] "m"(modes[m]), [d] "x"(fvec(i, 1)), [s] "x"(fvec(i + 2, 0)));
            v2 c = {0, 0};
            __asm__ volatile("cvtsi2sdq %[a], %[c]" : [c] "+x"(c) : [a] "r"(values[i] * 0x10001));
            __asm__ volatile("ldmxcsr %0" : : "m"(modes[0]));
            rec(r[0] ^ r[1] * 3, (uint32_t)r[2] ^ r[3] * 5 ^ c[0] * 7, "cvt %d mode %u", i, m);
        }
    end("sse-convert");
}

/* The integer ops by extension: each list defines the functions and the table. */
#define SSE2_OPS(X) X(paddb, "paddb") X(paddsw, "paddsw") X(paddusb, "paddusb") \
    X(psubsb, "psubsb") X(psubusw, "psubusw") X(pmullw, "pmullw") X(pmulhw, "pmulhw") \
    X(pmulhuw, "pmulhuw") X(pmuludq, "pmuludq") X(pmaddwd, "pmaddwd") X(psadbw, "psadbw") \
    X(pavgb, "pavgb") X(pavgw, "pavgw") X(pminub, "pminub") X(pmaxsw, "pmaxsw") \
    X(pcmpeqb, "pcmpeqb") X(pcmpgtw, "pcmpgtw") X(pcmpgtd, "pcmpgtd") X(packsswb, "packsswb") \
    X(packssdw, "packssdw") X(packuswb, "packuswb") X(punpcklbw, "punpcklbw") \
    X(punpckhwd, "punpckhwd") X(punpckldq, "punpckldq") X(punpckhqdq, "punpckhqdq") \
    X(pandn, "pandn") X(psllw, "psllw") X(psrlq, "psrlq") X(psrad, "psrad") \
    X(pshufd, "pshufd $0x4e,") X(pshuflw, "pshuflw $0x1b,") X(pshufhw, "pshufhw $0xb1,")
#define SSSE3_OPS(X) X(pshufb, "pshufb") X(palignr, "palignr $5,") X(pmaddubsw, "pmaddubsw") \
    X(pmulhrsw, "pmulhrsw") X(phaddw, "phaddw") X(phaddsw, "phaddsw") X(phsubd, "phsubd") \
    X(psignb, "psignb") X(psignw, "psignw") X(pabsb, "pabsb") X(pabsd, "pabsd")
#define SSE41_OPS(X) X(pmulld, "pmulld") X(pminsd, "pminsd") X(pmaxsb, "pmaxsb") \
    X(pminuw, "pminuw") X(pmaxud, "pmaxud") X(pcmpeqq, "pcmpeqq") X(packusdw, "packusdw") \
    X(pmuldq, "pmuldq") X(pblendw, "pblendw $0xa5,") X(mpsadbw, "mpsadbw $5,") \
    X(pmovsxbw, "pmovsxbw") X(pmovzxwd, "pmovzxwd") X(pmovsxdq, "pmovsxdq") \
    X(phminposuw, "phminposuw")
#define ENTRY(name, text) {#name, name},
SSE2_OPS(VOP)
SSSE3_OPS(VOP)
SSE41_OPS(VOP)
VOP(pcmpgtq, "pcmpgtq")

/* shifts by immediates, including counts past the element size */
static v2 shift_imm(v2 x, v2 y)
{
    __asm__ volatile("psllq $3, %[x]\n\tpsrldq $5, %[x]\n\tpsraw $17, %[y]\n\tpsrld $9, %[x]\n\t"
                     "pslldq $3, %[x]\n\tpsrad $31, %[y]\n\tpxor %[y], %[x]"
                     : [x] "+x"(x), [y] "+x"(y));
    return x;
}

static v2 pblendvb(v2 x, v2 y)
{
    __asm__ volatile("movdqa %[y], %%xmm0\n\tpsllw $3, %%xmm0\n\tpblendvb %%xmm0, %[y], %[x]"
                     : [x] "+x"(x) : [y] "x"(y) : "xmm0");
    return x;
}

static v2 pcmpstr(v2 x, v2 y)
{
    v2 m;
    uint64_t i1, i2, f = 0x2;
    __asm__ volatile(PRE "pcmpistri $0x0c, %[y], %[x]\n\tmov %%rcx, %[i1]\n\t"
                     "mov $7, %%eax\n\tmov $11, %%edx\n\tpcmpestri $0x44, %[y], %[x]\n\t"
                     "mov %%rcx, %[i2]\n\tpcmpistrm $0x40, %[y], %[x]\n\tmovdqa %%xmm0, %[m]" POST
                     : [i1] "=&r"(i1), [i2] "=&r"(i2), [m] "=&x"(m), [f] "+r"(f)
                     : [x] "x"(x), [y] "x"(y) : "rax", "rcx", "rdx", "xmm0", "cc");
    m[0] ^= i1 | i2 << 8 | (f & ARITH) << 16;
    return m;
}

static v2 ptest(v2 x, v2 y)
{
    uint64_t f = 0x2;
    __asm__ volatile(PRE "ptest %[y], %[x]" POST : [f] "+r"(f) : [x] "x"(x), [y] "x"(y) : "cc");
    return (v2){f & ARITH, 0};
}

static v2 crc32(v2 x, v2 y)
{
    uint64_t c = x[0];
    __asm__("crc32b %b[y], %k[c]\n\tcrc32w %w[y], %k[c]\n\tcrc32l %k[y], %k[c]\n\tcrc32q %[y], %[c]"
            : [c] "+r"(c) : [y] "r"(y[1]));
    uint64_t e = 0;
    __asm__("pextrb $13, %[x], %k[e]\n\tpinsrq $1, %[e], %[x]\n\tpextrd $3, %[x], %k[e]"
            : [x] "+x"(x), [e] "+r"(e));
    return (v2){c, e ^ x[1]};
}

/* Byte patterns for the integer groups: pseudo-random, saturating edges, a ramp. */
static v2 ivec(int i)
{
    static const v2 fixed[] = {
        {0x8080808080808080ULL, 0x8000800080000000ULL}, {0x7f7fff7f00ff7f7fULL, 0xffff7fff0001fffeULL},
        {0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL},
    };
    if (i < 3)
        return fixed[i];
    uint64_t s = 0x9e3779b97f4a7c15ULL * (uint64_t)i;
    s ^= s >> 29;
    return (v2){s * 0xbf58476d1ce4e5b9ULL, (s ^ 0x5555) * 0x94d049bb133111ebULL};
}

static void run_int_ops(const char *group, const named_op *ops, int n)
{
    begin();
    for (int o = 0; o < n; o++)
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 7; j++)
                vrun(ops[o].name, ops[o].op, ivec(i), ivec(j), 0x1f80, 0);
    end(group);
}

static void sse_integer(int ssse3, int sse41, int sse42)
{
    static const named_op sse2[] = {SSE2_OPS(ENTRY) V(shift_imm)};
    static const named_op s3[] = {SSSE3_OPS(ENTRY)};
    static const named_op s41[] = {SSE41_OPS(ENTRY) V(pblendvb), V(ptest)};
    static const named_op s42[] = {V(pcmpgtq), V(pcmpstr), V(crc32)};
    static const float_op s41f[] = {
        {"roundps0", roundps0, 0}, {"roundps1", roundps1, 0}, {"roundps2", roundps2, 0},
        {"roundps3", roundps3, 0}, {"roundps4", roundps4, 0}, {"roundpd9", roundpd9, 1},
        {"roundsd2", roundsd2, 1}, {"roundss4", roundss4, 0}, {"dppd", dppd, 1 | FINITE},
        {"insertps", insertps, 0}, {"blendps", blendps, 0},
    };
    run_int_ops("sse2-integer", sse2, sizeof sse2 / sizeof sse2[0]);
    /* CPUID leaf 1 reports these on this host and in Unicorn's model: missing ones show */
    if (ssse3)
        run_int_ops("ssse3", s3, sizeof s3 / sizeof s3[0]);
    if (sse41)
        run_int_ops("sse4.1-integer", s41, sizeof s41 / sizeof s41[0]);
    if (sse42)
        run_int_ops("sse4.2", s42, sizeof s42 / sizeof s42[0]);
    if (sse41)
        run_float_ops("sse4.1-float", s41f, sizeof s41f / sizeof s41f[0], rounding_modes, 4);
}

VOP(aesenc, "aesenc") VOP(aesenclast, "aesenclast") VOP(aesdec, "aesdec")
VOP(aesdeclast, "aesdeclast") VOP(aesimc, "aesimc") VOP(aeskeygen, "aeskeygenassist $0x1b,")

/* Carry-less multiply of two 64-bit halves, the reference for pclmulqdq. */
static v2 clmul_ref(uint64_t a, uint64_t b)
{
    v2 r = {0, 0};
    for (int i = 0; i < 64; i++)
        if ((b >> i) & 1) {
            r[0] ^= a << i;
            r[1] ^= i ? a >> (64 - i) : 0;
        }
    return r;
}

/* SSE3 and PCLMULQDQ (absent in Unicorn's CPUID: the C reference stands in), AES. */
static void sse_rare(int sse3, int pclmul, int aes)
{
    begin();
    for (int i = 0; i < 7; i++)
        for (int j = 0; j < 7; j++) {
            v2 x = ivec(i), y = ivec(j);
            for (int sel = 0; sel < 4; sel++) {
                v2 r = clmul_ref(x[sel & 1], y[sel >> 1]);
                if (pclmul) {
                    v2 ref = r;
#define CLMUL(imm) __asm__("movdqa %[x], %[r]\n\tpclmulqdq $" imm ", %[y], %[r]" \
                                : [r] "=&x"(r) : [x] "x"(x), [y] "x"(y))
                    switch (sel) {
                    case 0: CLMUL("0x00"); break;
                    case 1: CLMUL("0x01"); break;
                    case 2: CLMUL("0x10"); break;
                    default: CLMUL("0x11"); break;
                    }
                    want(r[0] == ref[0] && r[1] == ref[1], 1, "pclmulqdq", x[0], y[0]);
                }
                rec(r[0], r[1], "pclmulqdq %d %d %d", i, j, sel);
            }
            /* finite doubles only: the C reference need not follow NaN propagation */
            double a[2] = {(double)(int64_t)x[0] / 7, (double)(int32_t)x[1] * 0.25};
            double b[2] = {(double)(int64_t)y[1] / 3, (double)(int16_t)y[0]};
            double h[2] = {a[0] + a[1], b[0] + b[1]}, s[2] = {a[0] - b[0], a[1] + b[1]};
            v2 vh, vs, va, vb;
            memcpy(&vh, h, 16);
            memcpy(&vs, s, 16);
            if (sse3) {
                v2 rh, rs;
                memcpy(&va, a, 16);
                memcpy(&vb, b, 16);
                rh = rs = va;
                __asm__("haddpd %[b], %[h]\n\taddsubpd %[b], %[s]"
                        : [h] "+x"(rh), [s] "+x"(rs) : [b] "x"(vb));
                want(rh[0] == vh[0] && rh[1] == vh[1] && rs[0] == vs[0] && rs[1] == vs[1], 1,
                     "sse3", x[0], y[0]);
                vh = rh;
                vs = rs;
            }
            rec(vh[0] ^ vh[1], vs[0] ^ vs[1], "sse3 %d %d", i, j);
        }
    end("sse3-pclmul");
    if (aes) {
        static const named_op ops[] = {V(aesenc), V(aesenclast), V(aesdec), V(aesdeclast),
                                       V(aesimc), V(aeskeygen)};
        run_int_ops("aes", ops, sizeof ops / sizeof ops[0]);
    }
}

/* ---- x87 ---- */

static const long double x87_values[] = {
    0.0L, -0.0L, 1.0L, -1.5L, 0.5L, 3.0L, 100.25L, -7.75L, 1e-10L, 1e300L, 1e-4940L,
    9.2233720368547758e18L, 0.7L, -2.5L, 1e4000L, 12345.678L,
};
#define NX87 (int)(sizeof x87_values / sizeof x87_values[0])

static void rec_x87(long double r, uint16_t sw, const char *what, int i, int j, uint16_t cw)
{
    uint64_t m = 0;
    uint16_t e = 0;
    memcpy(&m, &r, 8);
    memcpy(&e, (char *)&r + 8, 2);
    rec(m, e, "%s %d %d cw %x", what, i, j, cw);
    mix_flags(sw);
}

static void x87(void)
{
    /* nearest, down, up, toward zero; extended precision */
    static const uint16_t cws[] = {0x37f, 0x77f, 0xb7f, 0xf7f};
    begin();
    for (int i = 0; i < NX87; i++)
        for (int j = 0; j < NX87; j++)
            for (unsigned c = 0; c < sizeof cws / sizeof cws[0]; c++) {
                long double a = x87_values[i], b = x87_values[j], r[4];
                uint16_t sw[4];
                for (int k = 0; k < 4; k++) {
                    __asm__ volatile("fldcw %[cw]\n\tfnclex" : : [cw] "m"(cws[c]));
                    switch (k) {
                    case 0: __asm__ volatile("faddp" : "=t"(r[k]) : "0"(a), "u"(b) : "st(1)"); break;
                    case 1: __asm__ volatile("fsubp" : "=t"(r[k]) : "0"(a), "u"(b) : "st(1)"); break;
                    case 2: __asm__ volatile("fmulp" : "=t"(r[k]) : "0"(a), "u"(b) : "st(1)"); break;
                    default: __asm__ volatile("fdivp" : "=t"(r[k]) : "0"(a), "u"(b) : "st(1)"); break;
                    }
                    __asm__ volatile("fnstsw %0" : "=m"(sw[k]));
                    rec_x87(r[k], sw[k] & 0x3f, "arith", i, j, cws[c]);
                }
                __asm__ volatile("fldcw %0" : : "m"(cws[0]));
            }
    end("x87-arith");
    begin();
    for (int i = 0; i < NX87; i++)
        for (unsigned c = 0; c < sizeof cws / sizeof cws[0]; c++) {
            long double a = x87_values[i], r;
            uint16_t sw;
            int64_t n;
            __asm__ volatile("fldcw %[cw]\n\tfnclex" : : [cw] "m"(cws[c]));
            __asm__ volatile("fsqrt" : "=t"(r) : "0"(a));
            __asm__ volatile("fnstsw %0" : "=m"(sw));
            rec_x87(r, sw & 0x3f, "fsqrt", i, 0, cws[c]);
            __asm__ volatile("fnclex\n\tfrndint" : "=t"(r) : "0"(a));
            __asm__ volatile("fnstsw %0" : "=m"(sw));
            rec_x87(r, sw & 0x3f, "frndint", i, 0, cws[c]);
            __asm__ volatile("fnclex\n\tfistpll %0" : "=m"(n) : "t"(a) : "st");
            __asm__ volatile("fnstsw %0" : "=m"(sw));
            rec(n, 0, "fistp %d cw %x", i, cws[c]);
            mix_flags(sw & 0x3f);
            long double mant, ex;
            if (fpclassify(a) != FP_SUBNORMAL) {
                __asm__ volatile("fxtract" : "=t"(mant), "=u"(ex) : "0"(a));
                rec_x87(mant, 0, "fxtract", i, 0, cws[c]);
                rec_x87(ex, 0, "fxtract exponent", i, 0, cws[c]);
            }
            __asm__ volatile("fscale" : "=t"(r) : "0"(a), "u"((long double)(i - 8) * 3.5L));
            rec_x87(r, 0, "fscale", i, 0, cws[c]);
            __asm__ volatile("fldcw %0" : : "m"(cws[0]));
            for (int j = 0; j < NX87; j++) {
                long double b = x87_values[j];
                uint64_t f = 0x2;
                __asm__ volatile(PRE "fucomi %%st(1), %%st" POST : [f] "+r"(f) : "t"(a), "u"(b) : "cc");
                rec(f & ARITH, 0, "fucomi %d %d", i, j);
            }
        }
    end("x87-misc");
}

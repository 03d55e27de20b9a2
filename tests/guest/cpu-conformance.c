/*
 * CPU conformance: integer ALU flags, shifts and rotates, mul/div, bit instructions, atomics,
 * string instructions, fxsave/fxrstor, SSE..SSE4.2, AES and x87, on edge-case inputs.
 *
 * Each group prints "GROUP: N cases, hash H" (FNV-1a over every result and its defined flags),
 * so the native and emulated runs differ whenever one result does; "-v" prints every case to
 * find which. Where a portable C reference is short, results are also checked against it
 * ("MISMATCH ..." and exit 1), so a wrong result fails even if both runs agree.
 *
 * An instruction whose CPUID feature bit is clear is not executed (an emulator may rightly
 * refuse it): its group then records the C reference instead, so the output stays the same
 * (this host lacks LZCNT in CPUID; osgix's Unicorn answer lacks POPCNT, SSE3, PCLMULQDQ and
 * BMI2, the last because Unicorn 2.0.1 swaps pdep's and pext's operands).
 *
 * Left out because the results are implementation-specific (they differ between real CPUs):
 * rcpps/rsqrtps, bsf/bsr destination for a zero source, flags documented as undefined.
 * Left out because Unicorn 2.0.1 (QEMU 5.0) gets them wrong and the engine cannot correct them:
 * signalling-NaN inputs to SSE arithmetic (it returns the default NaN instead of quieting the
 * input), two different NaN operands (it returns the second, x86 the first; so the tables hold
 * one NaN), NaN inputs to dppd (it picks the other NaN), dpps (it adds the four products in
 * sequence, not pairwise, so directed rounding differs), bextr lengths past 63, fprem
 * (computed in double precision), fxtract of denormals, and the floating-point exception flags
 * (it never sets MXCSR's; of the x87 status word's only ZE, also for 0/0): "-f" adds those to
 * the output, to compare by hand.
 */
#include <cpuid.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CF 0x1ULL
#define PF 0x4ULL
#define AF 0x10ULL
#define ZF 0x40ULL
#define SF 0x80ULL
#define OF 0x800ULL
#define ARITH (CF | PF | AF | ZF | SF | OF)

typedef unsigned __int128 u128;
typedef uint64_t v2 __attribute__((vector_size(16)));

static int verbose, with_flags, failures, cases, flag_cases;
/* results; floating-point exception flags (MXCSR, x87 status word) apart */
static uint64_t hash, flag_hash;

static void mix_into(uint64_t *h, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        *h ^= (v >> (8 * i)) & 0xff;
        *h *= 0x100000001b3ULL;
    }
}

static void mix(uint64_t v)
{
    mix_into(&hash, v);
}

static void mix_flags(uint64_t v)
{
    if (!with_flags)
        return;
    mix_into(&flag_hash, v);
    flag_cases++;
    if (verbose)
        printf("    exception flags %llx\n", (unsigned long long)v);
}

static void begin(void)
{
    hash = flag_hash = 0xcbf29ce484222325ULL;
    cases = flag_cases = 0;
}

static void end(const char *group)
{
    printf("%s: %d cases, hash %016llx\n", group, cases, (unsigned long long)hash);
    if (flag_cases)
        printf("%s exception flags: %d cases, hash %016llx\n", group, flag_cases,
               (unsigned long long)flag_hash);
}

/* One case: its results go into the hash; with -v they are printed after the label. */
static void rec(uint64_t r1, uint64_t r2, const char *fmt, ...)
{
    cases++;
    mix(r1);
    mix(r2);
    if (verbose) {
        va_list ap;
        va_start(ap, fmt);
        printf("  ");
        vprintf(fmt, ap);
        va_end(ap);
        printf(" -> %016llx %016llx\n", (unsigned long long)r1, (unsigned long long)r2);
    }
}

static void want(uint64_t got, uint64_t expected, const char *what, uint64_t a, uint64_t b)
{
    if (got != expected && ++failures <= 20) {
        printf("MISMATCH %s(%llx, %llx): got %llx, want %llx\n", what, (unsigned long long)a,
               (unsigned long long)b, (unsigned long long)got, (unsigned long long)expected);
    }
}

static int has(unsigned leaf, unsigned reg, unsigned bit)
{
    unsigned r[4] = {0};
    if (!__get_cpuid_count(leaf, 0, &r[0], &r[1], &r[2], &r[3]))
        return 0;
    return (r[reg] >> bit) & 1;
}
enum { EAX, EBX, ECX, EDX };

static const uint64_t values[] = {
    0, 1, 2, 0x0f, 0x10, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
    0xffffffff, 0x7fffffffffffffffULL, 0x8000000000000000ULL, 0xffffffffffffffffULL,
    0x123456789abcdef0ULL,
};
#define NVALUES (int)(sizeof values / sizeof values[0])

/* The flags go in through popf and come out through pushf, past the red zone. Memory operands
 * of such asm are addressed through a register: an "m" operand may be relative to %rsp. */
#define PRE "lea -128(%%rsp), %%rsp\n\tpush %[f]\n\tpopfq\n\t"
#define POST "\n\tpushfq\n\tpop %[f]\n\tlea 128(%%rsp), %%rsp"

typedef uint64_t (*opfn)(uint64_t a, uint64_t b, uint64_t *flags);

#define BIN(name, insn, T)                                                                     \
    static uint64_t name(uint64_t a, uint64_t b, uint64_t *f)                                  \
    {                                                                                          \
        T x = (T)a, y = (T)b;                                                                  \
        __asm__ volatile(PRE insn " %[y], %[x]" POST : [x] "+r"(x), [f] "+r"(*f) : [y] "r"(y)  \
                         : "cc");                                                              \
        return x;                                                                              \
    }
#define UN(name, insn, T)                                                                      \
    static uint64_t name(uint64_t a, uint64_t b, uint64_t *f)                                  \
    {                                                                                          \
        T x = (T)a;                                                                            \
        (void)b;                                                                               \
        __asm__ volatile(PRE insn " %[x]" POST : [x] "+r"(x), [f] "+r"(*f) : : "cc");          \
        return x;                                                                              \
    }
#define SH(name, insn, T)                                                                      \
    static uint64_t name(uint64_t a, uint64_t b, uint64_t *f)                                  \
    {                                                                                          \
        T x = (T)a;                                                                            \
        uint8_t n = (uint8_t)b;                                                                \
        __asm__ volatile(PRE insn " %%cl, %[x]" POST : [x] "+r"(x), [f] "+r"(*f) : "c"(n)      \
                         : "cc");                                                              \
        return x;                                                                              \
    }
#define ALL4(M, op) M(op##8, #op, uint8_t) M(op##16, #op, uint16_t) M(op##32, #op, uint32_t) \
    M(op##64, #op, uint64_t)
#define FNS4(op) {op##8, op##16, op##32, op##64}

ALL4(BIN, add) ALL4(BIN, adc) ALL4(BIN, sub) ALL4(BIN, sbb) ALL4(BIN, cmp) ALL4(BIN, and)
ALL4(BIN, or) ALL4(BIN, xor) ALL4(BIN, test) ALL4(UN, inc) ALL4(UN, dec) ALL4(UN, neg)
ALL4(UN, not) ALL4(SH, shl) ALL4(SH, shr) ALL4(SH, sar) ALL4(SH, rol) ALL4(SH, ror)
ALL4(SH, rcl) ALL4(SH, rcr)

static uint64_t mask_of(int w) { return w == 64 ? ~0ULL : (1ULL << w) - 1; }
static uint64_t sign_of(int w) { return 1ULL << (w - 1); }

static uint64_t szp(uint64_t r, int w)
{
    return (r == 0 ? ZF : 0) | (r & sign_of(w) ? SF : 0) | (__builtin_parityll(r & 0xff) ? 0 : PF);
}

enum { ADD, ADC, SUB, SBB, CMP, AND, OR, XOR, TEST, INC, DEC, NEG, NOT };

/* The C reference of the add/sub/logic family: the result, and the flags in *f. */
static uint64_t ref_alu(int kind, int w, uint64_t a, uint64_t b, uint64_t *f)
{
    uint64_t m = mask_of(w), c = (kind == ADC || kind == SBB) ? (*f & CF) : 0, r, fl;
    a &= m;
    b &= m;
    if (kind == INC || kind == DEC)
        b = 1;
    switch (kind) {
    case ADD: case ADC: case INC:
        r = (a + b + c) & m;
        fl = ((u128)a + b + c > m ? CF : 0) | (((a ^ r) & (b ^ r) & sign_of(w)) ? OF : 0);
        break;
    case SUB: case SBB: case CMP: case DEC: case NEG:
        if (kind == NEG) {
            b = a;
            a = 0;
        }
        r = (a - b - c) & m;
        fl = ((u128)a < (u128)b + c ? CF : 0) | (((a ^ b) & (a ^ r) & sign_of(w)) ? OF : 0);
        break;
    case NOT:
        return ~a & m;
    default:
        r = kind == AND || kind == TEST ? a & b : kind == OR ? a | b : a ^ b;
        *f = (*f & ~ARITH) | szp(r, w);
        return kind == TEST ? a : r;
    }
    fl |= szp(r, w) | ((a ^ b ^ r) & AF);
    if (kind == INC || kind == DEC)
        fl = (fl & ~CF) | (*f & CF);
    *f = (*f & ~ARITH) | fl;
    return kind == CMP ? a : r;
}

static void alu(void)
{
    static const struct { const char *name; int kind; opfn fn[4]; } ops[] = {
        {"add", ADD, FNS4(add)}, {"adc", ADC, FNS4(adc)}, {"sub", SUB, FNS4(sub)},
        {"sbb", SBB, FNS4(sbb)}, {"cmp", CMP, FNS4(cmp)}, {"and", AND, FNS4(and)},
        {"or", OR, FNS4(or)}, {"xor", XOR, FNS4(xor)}, {"test", TEST, FNS4(test)},
        {"inc", INC, FNS4(inc)}, {"dec", DEC, FNS4(dec)}, {"neg", NEG, FNS4(neg)},
        {"not", NOT, FNS4(not)},
    };
    begin();
    for (unsigned o = 0; o < sizeof ops / sizeof ops[0]; o++)
        for (int wi = 0; wi < 4; wi++) {
            int w = 8 << wi;
            /* logic ops leave AF undefined */
            uint64_t defined = ops[o].kind >= AND && ops[o].kind <= TEST ? ARITH & ~AF : ARITH;
            for (int i = 0; i < NVALUES; i++)
                for (int j = 0; j < NVALUES; j++)
                    for (uint64_t fin = 0x2; fin <= 0x2 + ARITH; fin += ARITH) {
                        uint64_t f = fin, rf = fin;
                        uint64_t r = ops[o].fn[wi](values[i], values[j], &f) & mask_of(w);
                        uint64_t want_r = ref_alu(ops[o].kind, w, values[i], values[j], &rf);
                        rec(r, f & defined, "%s%d %llx,%llx fl %llx", ops[o].name, w,
                            (unsigned long long)values[i], (unsigned long long)values[j],
                            (unsigned long long)fin);
                        want(r, want_r, ops[o].name, values[i], values[j]);
                        want(f & defined, rf & defined, ops[o].name, values[i], values[j]);
                    }
        }
    end("alu");
}

static void shifts(void)
{
    static const struct { const char *name; opfn fn[4]; } ops[] = {
        {"shl", FNS4(shl)}, {"shr", FNS4(shr)}, {"sar", FNS4(sar)}, {"rol", FNS4(rol)},
        {"ror", FNS4(ror)}, {"rcl", FNS4(rcl)}, {"rcr", FNS4(rcr)},
    };
    static const uint8_t counts[] = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255};
    begin();
    for (unsigned o = 0; o < sizeof ops / sizeof ops[0]; o++)
        for (int wi = 0; wi < 4; wi++) {
            int w = 8 << wi;
            int rotate = o >= 3;
            for (int i = 0; i < NVALUES; i++)
                for (unsigned c = 0; c < sizeof counts; c++)
                    for (uint64_t fin = 0x2; fin <= 0x2 + ARITH; fin += ARITH) {
                        uint64_t f = fin;
                        uint64_t r = ops[o].fn[wi](values[i], counts[c], &f) & mask_of(w);
                        unsigned n = counts[c] & (w == 64 ? 63 : 31);
                        /* defined: everything unchanged for count 0; OF only for count 1;
                         * AF never after a shift; rotates touch only CF and OF */
                        uint64_t defined = n == 0 ? ARITH : rotate ? CF : ARITH & ~AF & ~OF;
                        if (n == 1)
                            defined |= OF;
                        if (!rotate && n >= (unsigned)w) /* CF too, past the operand size */
                            defined &= ~CF;
                        rec(r, f & defined, "%s%d %llx by %u fl %llx", ops[o].name, w,
                            (unsigned long long)values[i], counts[c], (unsigned long long)fin);
                        uint64_t a = values[i] & mask_of(w), expect = r;
                        if (o == 0)
                            expect = n >= (unsigned)w ? 0 : (a << n) & mask_of(w);
                        else if (o == 1)
                            expect = n >= (unsigned)w ? 0 : a >> n;
                        else if (o == 2)
                            expect = (uint64_t)(((int64_t)(a << (64 - w))) >>
                                                (64 - w + (n >= (unsigned)w ? w - 1 : n)))
                                     & mask_of(w);
                        else if (o == 3 || o == 4) {
                            unsigned k = n % w;
                            if (o == 4)
                                k = (w - k) % w;
                            expect = k ? ((a << k) | (a >> (w - k))) & mask_of(w) : a;
                        }
                        want(r, expect, ops[o].name, a, counts[c]);
                    }
        }
    end("shift");
}

static void muldiv(void)
{
    begin();
    for (int i = 0; i < NVALUES; i++)
        for (int j = 0; j < NVALUES; j++) {
            uint64_t a = values[i], b = values[j], lo = a, hi, f = 0x2;
            __asm__ volatile(PRE "mulq %[b]" POST : "+a"(lo), "=d"(hi), [f] "+r"(f) : [b] "r"(b)
                             : "cc");
            rec(lo, hi, "mul %llx,%llx", (unsigned long long)a, (unsigned long long)b);
            mix(f & (CF | OF));
            want(((u128)hi << 64 | lo) == (u128)a * b, 1, "mul", a, b);
            int64_t slo = (int64_t)a, shi;
            f = 0x2;
            __asm__ volatile(PRE "imulq %[b]" POST : "+a"(slo), "=d"(shi), [f] "+r"(f)
                             : [b] "r"(b) : "cc");
            __int128 sp = (__int128)(int64_t)a * (int64_t)b;
            rec(slo, shi, "imul %llx,%llx", (unsigned long long)a, (unsigned long long)b);
            want(slo, (uint64_t)sp, "imul lo", a, b);
            want(shi, (uint64_t)(sp >> 64), "imul hi", a, b);
            want(!!(f & CF), sp != (int64_t)sp, "imul cf", a, b);
            int32_t x32 = (int32_t)a;
            f = 0x2;
            __asm__ volatile(PRE "imul %[b], %[x]" POST : [x] "+r"(x32), [f] "+r"(f)
                             : [b] "r"((int32_t)b) : "cc");
            rec((uint32_t)x32, f & (CF | OF), "imul32 %llx,%llx", (unsigned long long)a,
                (unsigned long long)b);
            uint16_t ax = (uint8_t)a;
            f = 0x2;
            __asm__ volatile(PRE "mulb %[b]" POST : "+a"(ax), [f] "+r"(f) : [b] "q"((uint8_t)b)
                             : "cc");
            rec(ax, f & (CF | OF), "mul8 %llx,%llx", (unsigned long long)a, (unsigned long long)b);
            if (b != 0) {
                uint64_t q = a, r = 0;
                __asm__ volatile("divq %[b]" : "+a"(q), "+d"(r) : [b] "r"(b) : "cc");
                rec(q, r, "div %llx/%llx", (unsigned long long)a, (unsigned long long)b);
                want(q, a / b, "div q", a, b);
                want(r, a % b, "div r", a, b);
                uint64_t hiq = b - 1, lq = a; /* a 128-bit dividend whose quotient fits */
                __asm__ volatile("divq %[b]" : "+a"(lq), "+d"(hiq) : [b] "r"(b) : "cc");
                u128 n = (u128)(b - 1) << 64 | a;
                want(lq, (uint64_t)(n / b), "div128 q", a, b);
                want(hiq, (uint64_t)(n % b), "div128 r", a, b);
                int64_t sa = (int64_t)a, sb = (int64_t)b;
                if (!(sa == INT64_MIN && sb == -1)) {
                    int64_t sq = sa, sr;
                    __asm__ volatile("cqo\n\tidivq %[b]" : "+a"(sq), "=&d"(sr) : [b] "r"(sb)
                                     : "cc");
                    rec(sq, sr, "idiv %llx/%llx", (unsigned long long)a, (unsigned long long)b);
                    want(sq, sa / sb, "idiv q", a, b);
                    want(sr, sa % sb, "idiv r", a, b);
                }
            }
        }
    end("muldiv");
}

/*
 * #DE: "divide-by-zero" and "divide-overflow" (a quotient that does not fit) must kill the
 * program with SIGFPE (status 136), as on Linux. (Not through a handler: osgix delivers
 * faults with their default action only.)
 */
static int divide_fault(const char *kind)
{
    uint64_t lo = 0x8000000000000000ULL, hi, d = strcmp(kind, "divide-by-zero") ? ~0ULL : 0;
    printf("about to fault: %s\n", kind);
    fflush(stdout);
    __asm__ volatile("cqo\n\tidivq %[d]" : "+a"(lo), "=&d"(hi) : [d] "r"(d) : "cc");
    printf("no fault: %llx\n", (unsigned long long)lo);
    return 1;
}

/* BMI2 in C: bzhi (index y & 0xff), pdep, pext (mask y), sarx (count y), rorx 13, mulx low. */
static void bmi2_ref(uint64_t a, uint64_t y, uint64_t *r)
{
    unsigned n = y & 0xff;
    r[0] = n >= 64 ? a : a & ((1ULL << n) - 1);
    r[1] = r[2] = 0;
    for (uint64_t m = y, k = 0; m; m &= m - 1, k++) {
        uint64_t low = m & -m;
        if ((a >> k) & 1)
            r[1] |= low;
        if (a & low)
            r[2] |= 1ULL << k;
    }
    r[3] = (uint64_t)((int64_t)a >> (y & 63));
    r[4] = a >> 13 | a << 51;
    r[5] = a * y;
}

static void bits(int lzcnt, int popcnt, int bmi1, int bmi2, int adx)
{
    begin();
    for (int i = 0; i < NVALUES; i++) {
        uint64_t a = values[i], r, f;
        if (a != 0) {
            f = 0x2;
            __asm__ volatile(PRE "bsf %[a], %[r]" POST : [r] "=&r"(r), [f] "+r"(f) : [a] "r"(a)
                             : "cc");
            want(r, __builtin_ctzll(a), "bsf", a, 0);
            rec(r, f & ZF, "bsf %llx", (unsigned long long)a);
            f = 0x2;
            __asm__ volatile(PRE "bsr %[a], %[r]" POST : [r] "=&r"(r), [f] "+r"(f) : [a] "r"(a)
                             : "cc");
            want(r, 63 - __builtin_clzll(a), "bsr", a, 0);
            rec(r, f & ZF, "bsr %llx", (unsigned long long)a);
        }
        r = a ? __builtin_clzll(a) : 64;
        f = a ? 0 : CF;
        if (lzcnt) {
            uint64_t ref = r;
            f = 0x2;
            __asm__ volatile(PRE "lzcnt %[a], %[r]" POST : [r] "=&r"(r), [f] "+r"(f)
                             : [a] "r"(a) : "cc");
            want(r, ref, "lzcnt", a, 0);
        }
        rec(r, f & CF, "lzcnt %llx", (unsigned long long)a);
        r = __builtin_popcountll(a);
        f = a ? 0 : ZF;
        if (popcnt) {
            uint64_t ref = r;
            f = 0x2 | ARITH;
            __asm__ volatile(PRE "popcnt %[a], %[r]" POST : [r] "=&r"(r), [f] "+r"(f)
                             : [a] "r"(a) : "cc");
            want(r, ref, "popcnt", a, 0);
        }
        rec(r, f & ARITH, "popcnt %llx", (unsigned long long)a);
        uint32_t b32 = (uint32_t)a;
        uint64_t b64 = a;
        __asm__("bswap %0" : "+r"(b32));
        __asm__("bswap %0" : "+r"(b64));
        want(b64, __builtin_bswap64(a), "bswap64", a, 0);
        rec(b32, b64, "bswap %llx", (unsigned long long)a);
        for (int j = 0; j < NVALUES; j++) {
            uint64_t n = values[j] & 0x1ff, x;
            static const char *bt_names[] = {"bt", "bts", "btr", "btc"};
            for (int k = 0; k < 4; k++) {
                x = a;
                f = 0x2;
#define BT(insn) __asm__ volatile(PRE insn " %[n], %[x]" POST : [x] "+r"(x), [f] "+r"(f) \
                                 : [n] "r"(n) : "cc")
                switch (k) {
                case 0: BT("bt"); break;
                case 1: BT("bts"); break;
                case 2: BT("btr"); break;
                default: BT("btc"); break;
                }
                rec(x, f & CF, "%s %llx,%llu", bt_names[k], (unsigned long long)a,
                    (unsigned long long)n);
                want(!!(f & CF), (a >> (n & 63)) & 1, bt_names[k], a, n);
            }
            /* memory operand, register offset: the offset reaches past the addressed qword,
             * forwards and backwards */
            uint64_t mem[6] = {a, ~a, values[j], 0, ~0ULL, 0x5555555555555555ULL};
            int64_t off = (int64_t)(values[j] & 0xff) - 128;
            f = 0x2;
            __asm__ volatile(PRE "btcq %[n], (%[m])" POST : [f] "+r"(f)
                             : [m] "r"(&mem[3]), [n] "r"(off) : "cc", "memory");
            for (int k = 0; k < 6; k++)
                mix(mem[k]);
            rec(off, f & CF, "btc mem %lld", (long long)off);
            uint64_t y = values[(i + j) % NVALUES];
            if (bmi1) {
                uint64_t o[4];
                __asm__("andn %[b], %[a], %[r]" : [r] "=r"(o[0]) : [a] "r"(a), [b] "r"(y));
                /* lengths up to 63 only: Unicorn 2.0.1 extracts 63 bits for 64 and more */
                __asm__("bextr %[b], %[a], %[r]" : [r] "=r"(o[1]) : [a] "r"(a), [b] "r"(y & 0x3fff));
                __asm__("blsr %[a], %[r]\n\tblsi %[a], %[s]"
                        : [r] "=&r"(o[2]), [s] "=&r"(o[3]) : [a] "r"(a ^ y));
                want(o[0], ~a & y, "andn", a, y);
                want(o[2], (a ^ y) & ((a ^ y) - 1), "blsr", a, y);
                rec(o[1] ^ o[0] * 3, o[2] ^ o[3] * 7, "bmi1 %llx,%llx", (unsigned long long)a,
                    (unsigned long long)y);
                __asm__("tzcnt %[a], %[r]" : [r] "=r"(o[0]) : [a] "r"(a & y));
                want(o[0], (a & y) ? (uint64_t)__builtin_ctzll(a & y) : 64, "tzcnt", a, y);
            }
            uint64_t o[6], hi, ref[6];
            bmi2_ref(a, y, ref);
            if (bmi2) {
                __asm__("bzhi %[b], %[a], %[r]" : [r] "=r"(o[0]) : [a] "r"(a), [b] "r"(y & 0xff));
                __asm__("pdep %[b], %[a], %[r]" : [r] "=r"(o[1]) : [a] "r"(a), [b] "r"(y));
                __asm__("pext %[b], %[a], %[r]" : [r] "=r"(o[2]) : [a] "r"(a), [b] "r"(y));
                __asm__("sarx %[b], %[a], %[r]" : [r] "=r"(o[3]) : [a] "r"(a), [b] "r"(y));
                __asm__("rorx $13, %[a], %[r]" : [r] "=r"(o[4]) : [a] "r"(a));
                __asm__("mulx %[b], %[lo], %[hi]" : [lo] "=&r"(o[5]), [hi] "=&r"(hi) : "d"(a), [b] "r"(y));
                static const char *names[] = {"bzhi", "pdep", "pext", "sarx", "rorx", "mulx"};
                for (int k = 0; k < 6; k++)
                    want(o[k], ref[k], names[k], a, y);
                want(hi, (uint64_t)((u128)a * y >> 64), "mulx hi", a, y);
            } else {
                memcpy(o, ref, sizeof o);
            }
            rec(o[0] ^ o[1] * 3 ^ o[2] * 5, o[3] ^ o[4] * 3 ^ o[5] * 5, "bmi2 %llx,%llx",
                (unsigned long long)a, (unsigned long long)y);
            if (adx) {
                uint64_t p = a, q = a, fc = 0x2 | CF, fo = 0x2 | OF;
                __asm__ volatile(PRE "adcx %[y], %[x]" POST : [x] "+r"(p), [f] "+r"(fc) : [y] "r"(y) : "cc");
                __asm__ volatile(PRE "adox %[y], %[x]" POST : [x] "+r"(q), [f] "+r"(fo) : [y] "r"(y) : "cc");
                want(p, a + y + 1, "adcx", a, y);
                rec(p ^ q, (fc & ARITH) ^ (fo & ARITH) << 16, "adx %llx,%llx",
                    (unsigned long long)a, (unsigned long long)y);
            }
        }
    }
    end("bits");
}

static void atomics(void)
{
    static uint64_t pair[2] __attribute__((aligned(16)));
    begin();
    for (int i = 0; i < NVALUES; i++)
        for (int j = 0; j < NVALUES; j += 3) {
            uint64_t a = values[i], b = values[j], m = a, expected = (i + j) % 2 ? a : b, f = 0x2;
            __asm__ volatile(PRE "lock cmpxchg %[n], (%[m])" POST
                             : "+a"(expected), [f] "+r"(f) : [m] "r"(&m), [n] "r"(~b)
                             : "cc", "memory");
            rec(m, expected ^ (f & ARITH), "cmpxchg %llx,%llx", (unsigned long long)a,
                (unsigned long long)b);
            uint32_t m32 = (uint32_t)a, x32 = (uint32_t)b;
            f = 0x2;
            __asm__ volatile(PRE "lock xadd %[x], (%[m])" POST
                             : [x] "+r"(x32), [f] "+r"(f) : [m] "r"(&m32) : "cc", "memory");
            want(m32, (uint32_t)(a + b), "xadd", a, b);
            rec(m32 | (uint64_t)x32 << 32, f & ARITH, "xadd %llx,%llx", (unsigned long long)a,
                (unsigned long long)b);
            pair[0] = a;
            pair[1] = b;
            uint64_t lo = (i % 2) ? a : b, hi = b;
            unsigned char ok;
            __asm__ volatile("lock cmpxchg16b %[m]\n\tsete %[ok]"
                             : [m] "+m"(*(u128 *)pair), "+a"(lo), "+d"(hi), [ok] "=q"(ok)
                             : "b"(~a), "c"(~b) : "cc");
            rec(pair[0] ^ lo, pair[1] ^ hi ^ ok, "cmpxchg16b %llx,%llx", (unsigned long long)a,
                (unsigned long long)b);
            want(ok, (i % 2) == 1 || a == b, "cmpxchg16b", a, b);
        }
    end("atomic");
}

static void strings(void)
{
    unsigned char buf[256], cmp[256];
    begin();
    for (int len = 0; len <= 40; len += 5)
        for (int dir = 0; dir < 2; dir++) {
            for (int k = 0; k < 256; k++)
                buf[k] = (unsigned char)(k * 7 + 3);
            /* overlapping forward or backward copy */
            unsigned char *src = buf + 64, *dst = buf + 64 + (dir ? -3 : 5);
            uint64_t n = len;
            if (dir) {
                src += len - 1;
                dst += len - 1;
            }
            __asm__ volatile("std\n\t" "cmp $0, %[d]\n\t" "jne 1f\n\t" "cld\n" "1: rep movsb\n\tcld"
                             : "+S"(src), "+D"(dst), "+c"(n) : [d] "r"((long)dir) : "cc", "memory");
            for (int k = 0; k < 256; k++)
                mix(buf[k]);
            rec(src - buf, dst - buf, "rep movsb len %d dir %d", len, dir);
            uint64_t *q = (uint64_t *)(buf + 128), pat = 0x0102030405060708ULL * (len + 1);
            n = len / 5;
            __asm__ volatile("rep stosq" : "+D"(q), "+c"(n) : "a"(pat) : "memory");
            unsigned char *s8 = buf + 8;
            n = len;
            __asm__ volatile("rep stosb" : "+D"(s8), "+c"(n) : "a"(0xa5) : "memory");
            for (int k = 0; k < 256; k++)
                mix(buf[k]);
            rec((unsigned char *)q - buf, s8 - buf, "rep stos len %d", len);
            memcpy(cmp, buf, sizeof buf);
            if (len)
                cmp[20 + len / 2] ^= 0x40 * (dir + 1);
            const unsigned char *p1 = buf + 20, *p2 = cmp + 20;
            uint64_t f = 0x2;
            n = len;
            __asm__ volatile(PRE "repe cmpsb" POST
                             : "+S"(p1), "+D"(p2), "+c"(n), [f] "+r"(f) : : "memory");
            rec(p1 - buf, n ^ (f & ARITH) << 32, "repe cmpsb len %d", len);
            const unsigned char *sc = buf;
            n = 200;
            f = 0x2;
            __asm__ volatile(PRE "repne scasb" POST
                             : "+D"(sc), "+c"(n), [f] "+r"(f) : "a"(buf[len + 30]) : "memory");
            rec(sc - buf, n ^ (f & ARITH) << 32, "repne scasb %d", len);
            const uint64_t *l = (const uint64_t *)buf + len / 8;
            uint64_t v;
            __asm__ volatile("lodsq" : "+S"(l), "=a"(v) : : "memory");
            rec(v, (const unsigned char *)l - buf, "lodsq %d", len);
        }
    end("string");
}

/* The regression behind python3 -c 'int("1")' under Unicorn: fxsave must hold MXCSR and the
 * XMM registers, and fxrstor must bring them back (glibc's lazy binding depends on it). */
static void fxsave_state(void)
{
    static unsigned char area[512] __attribute__((aligned(64)));
    v2 in = {0x0123456789abcdefULL, 0xfedcba9876543210ULL}, out, cleared;
    uint32_t mx_in = 0x3f80, mx_out, saved_mx;
    begin();
    __asm__ volatile("ldmxcsr %[mi]\n\tmovdqa %[in], %%xmm5\n\tfxsave %[a]\n\t"
                     "pxor %%xmm5, %%xmm5\n\tmovdqa %%xmm5, %[cl]\n\tldmxcsr %[def]\n\t"
                     "fxrstor %[a]\n\tmovdqa %%xmm5, %[out]\n\tstmxcsr %[mo]\n\tldmxcsr %[def]"
                     : [a] "+m"(area), [out] "=m"(out), [cl] "=m"(cleared), [mo] "=m"(mx_out)
                     : [in] "m"(in), [mi] "m"(mx_in), [def] "m"((uint32_t){0x1f80})
                     : "xmm5", "memory");
    memcpy(&saved_mx, area + 24, 4);
    uint64_t saved_x5[2];
    memcpy(saved_x5, area + 160 + 5 * 16, 16);
    rec(saved_mx, saved_x5[0] ^ saved_x5[1], "fxsave area mxcsr, xmm5");
    rec(mx_out, out[0] ^ out[1], "after fxrstor");
    want(saved_mx, mx_in, "fxsave mxcsr", 0, 0);
    want(saved_x5[0], in[0], "fxsave xmm5", 0, 0);
    want(mx_out, mx_in, "fxrstor mxcsr", 0, 0);
    want(out[0] == in[0] && out[1] == in[1], 1, "fxrstor xmm5", 0, 0);
    want(cleared[0], 0, "pxor", 0, 0);
    end("fxsave");
}

#include "cpu-conformance-sse.h"

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0); /* a crash keeps the groups done so far */
    if (argc > 1 && strncmp(argv[1], "divide-", 7) == 0)
        return divide_fault(argv[1]);
    for (int i = 1; i < argc; i++) {
        verbose |= strcmp(argv[i], "-v") == 0;
        with_flags |= strcmp(argv[i], "-f") == 0;
    }
    int lzcnt = has(0x80000001, ECX, 5), popcnt = has(1, ECX, 23);
    int bmi1 = has(7, EBX, 3), bmi2 = has(7, EBX, 8), adx = has(7, EBX, 19);
    alu();
    shifts();
    muldiv();
    bits(lzcnt, popcnt, bmi1, bmi2, adx);
    atomics();
    strings();
    fxsave_state();
    sse_float();
    sse_integer(has(1, ECX, 9), has(1, ECX, 19), has(1, ECX, 20));
    sse_rare(has(1, ECX, 0), has(1, ECX, 1), has(1, ECX, 25));
    x87();
    printf("mismatches: %d\n", failures);
    return failures ? 1 : 0;
}

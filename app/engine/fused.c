/* Full-batch gradient descent on a small dense network, its steps fused in one call (app/engine/fused.py).

   The numpy engine (backprop.py, training.py) is the reference: this file does what training.train's
   full-batch loop does, operation for operation in the same order, so that the two agree to the last few
   bits (tests/engine/test_fused.py). A small network's step is dozens of numpy calls, each costing more
   than its arithmetic; here a live-training frame's ten steps cost less than one of those calls.

   Notation as everywhere: layer l = 1..L has n[l] units; z^l = W^l a^(l-1) + b^l, a^l = σ(z^l), d^l = σ'(z^l).
   θ = (W^1, b^1, W^2, b^2, …), each W^l row-major (n_l × n_(l-1)), as network.Flat lays it out.
   A batch's values of layer l are a (B × n_l) block; the blocks of layers 1..L follow each other. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { LINEAR, SIGMOID, TANH, RELU, LEAKY_RELU, SOFTMAX };  /* fused.ACTIVATIONS */
enum { MSE, BCE, CE };                                      /* fused.LOSSES */
enum { SGD, MOMENTUM, ADAM };                               /* training.OPTIMIZERS */
enum { OK = 0, DIVERGED = 1, NO_MEMORY = 2 };

typedef struct {
    int L;
    const int *n;   /* n[0..L] */
    const int *act; /* act[1..L] */
} Net;

/* Where W^l and b^l start in θ, and where layer l's block starts in a batch's values (per sample). */
static size_t w_at(const Net *net, int l) {
    size_t off = 0;
    for (int k = 1; k < l; k++) off += (size_t)net->n[k] * (net->n[k - 1] + 1);
    return off;
}
static size_t units_before(const Net *net, int l) {
    size_t off = 0;
    for (int k = 1; k < l; k++) off += net->n[k];
    return off;
}

/* e^x: for |x| < 700 by a table of 2^(j/64) and a degree-6 polynomial, inline (the activations call it for every
   unit of every sample: glibc's exp, through its call and errno wrapper, was a sixth of a frame's instructions);
   elsewhere, and for NaN, glibc's. Within 1 unit in the last place of glibc's (measured over 20 million arguments
   when written); the kernel's tests hold its results to numpy's. */
static const double EXP2_64[64] = {
    0x1.0000000000000p+0, 0x1.02c9a3e778061p+0, 0x1.059b0d3158574p+0, 0x1.0874518759bc8p+0,
    0x1.0b5586cf9890fp+0, 0x1.0e3ec32d3d1a2p+0, 0x1.11301d0125b51p+0, 0x1.1429aaea92de0p+0,
    0x1.172b83c7d517bp+0, 0x1.1a35beb6fcb75p+0, 0x1.1d4873168b9aap+0, 0x1.2063b88628cd6p+0,
    0x1.2387a6e756238p+0, 0x1.26b4565e27cddp+0, 0x1.29e9df51fdee1p+0, 0x1.2d285a6e4030bp+0,
    0x1.306fe0a31b715p+0, 0x1.33c08b26416ffp+0, 0x1.371a7373aa9cbp+0, 0x1.3a7db34e59ff7p+0,
    0x1.3dea64c123422p+0, 0x1.4160a21f72e2ap+0, 0x1.44e086061892dp+0, 0x1.486a2b5c13cd0p+0,
    0x1.4bfdad5362a27p+0, 0x1.4f9b2769d2ca7p+0, 0x1.5342b569d4f82p+0, 0x1.56f4736b527dap+0,
    0x1.5ab07dd485429p+0, 0x1.5e76f15ad2148p+0, 0x1.6247eb03a5585p+0, 0x1.6623882552225p+0,
    0x1.6a09e667f3bcdp+0, 0x1.6dfb23c651a2fp+0, 0x1.71f75e8ec5f74p+0, 0x1.75feb564267c9p+0,
    0x1.7a11473eb0187p+0, 0x1.7e2f336cf4e62p+0, 0x1.82589994cce13p+0, 0x1.868d99b4492edp+0,
    0x1.8ace5422aa0dbp+0, 0x1.8f1ae99157736p+0, 0x1.93737b0cdc5e5p+0, 0x1.97d829fde4e50p+0,
    0x1.9c49182a3f090p+0, 0x1.a0c667b5de565p+0, 0x1.a5503b23e255dp+0, 0x1.a9e6b5579fdbfp+0,
    0x1.ae89f995ad3adp+0, 0x1.b33a2b84f15fbp+0, 0x1.b7f76f2fb5e47p+0, 0x1.bcc1e904bc1d2p+0,
    0x1.c199bdd85529cp+0, 0x1.c67f12e57d14bp+0, 0x1.cb720dcef9069p+0, 0x1.d072d4a07897cp+0,
    0x1.d5818dcfba487p+0, 0x1.da9e603db3285p+0, 0x1.dfc97337b9b5fp+0, 0x1.e502ee78b3ff6p+0,
    0x1.ea4afa2a490dap+0, 0x1.efa1bee615a27p+0, 0x1.f50765b6e4540p+0, 0x1.fa7c1819e90d8p+0
};
static inline double fast_exp(double x) {
    if (!(fabs(x) < 700.0)) return exp(x);
    const double shift = 0x1.8p52, inv = 0x1.71547652b82fep+6, hi = 0x1.62e42fefa0000p-7, lo = 0x1.cf79abc9e3b3ap-46;
    double kd = x * inv + shift;
    uint64_t bits;
    memcpy(&bits, &kd, sizeof bits);
    int k = (int)(int32_t)(uint32_t)bits; /* round(x · 64/ln 2) */
    kd -= shift;
    double r = (x - kd * hi) - kd * lo; /* |r| <= ln2/128 */
    int j = k & 63, e = (k - j) / 64;
    double q = r * (1.0 + r * (0.5 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720)))))); /* e^r - 1 */
    uint64_t sbits = (uint64_t)(e + 1023) << 52;
    double scale;
    memcpy(&scale, &sbits, sizeof scale);
    double t = EXP2_64[j] * scale;
    return t + t * q;
}

/* a = σ(z) and d = σ'(z) for a row of n units, as activations.py computes them. */
static void activate(int act, const double *z, double *a, double *d, int n) {
    switch (act) {
    case SIGMOID:
        for (int j = 0; j < n; j++) {
            double e = fast_exp(-fabs(z[j])), r = 1.0 / (1.0 + e);
            e *= r; /* σ(-|z|) */
            a[j] = z[j] >= 0 ? r : e;
            d[j] = e * r;
        }
        break;
    case TANH:
        for (int j = 0; j < n; j++) {
            double e = fast_exp(-fabs(z[j]));
            e *= e;
            a[j] = tanh(z[j]);
            d[j] = 4.0 * e / ((1.0 + e) * (1.0 + e));
        }
        break;
    case RELU:
        for (int j = 0; j < n; j++) {
            a[j] = isnan(z[j]) ? z[j] : z[j] > 0 ? z[j] : 0.0;
            d[j] = z[j] > 0 ? 1.0 : 0.0;
        }
        break;
    case LEAKY_RELU:
        for (int j = 0; j < n; j++) {
            a[j] = z[j] > 0 ? z[j] : 0.01 * z[j];
            d[j] = z[j] > 0 ? 1.0 : 0.01;
        }
        break;
    case SOFTMAX: {
        double m = z[0], s = 0.0;
        for (int j = 1; j < n; j++) m = isnan(z[j]) || z[j] > m ? z[j] : m;
        for (int j = 0; j < n; j++) s += (a[j] = fast_exp(z[j] - m));
        for (int j = 0; j < n; j++) a[j] /= s;
        break; /* d unused: the Jacobian is not diagonal */
    }
    default:
        for (int j = 0; j < n; j++) a[j] = z[j], d[j] = 1.0;
    }
}

/* The forward pass of B samples: z, a, d of every layer (each B × Σn, layer blocks one after another). Layer by
   layer, so that a layer's activation runs once over its whole B × n block (softmax row by row); each z is the same
   sum in the same order as sample by sample. */
static void forward(const Net *net, const double *theta, const double *x, int B, double *z, double *a, double *d) {
    const double *prev = x, *W = theta; /* layer l-1's values (B × m); W^l, then b^l, in θ */
    size_t at = 0;
    for (int l = 1; l <= net->L; l++) {
        int n = net->n[l], m = net->n[l - 1];
        const double *b = W + (size_t)n * m;
        double *zl = z + at, *al = a + at, *dl = d + at;
        for (int i = 0; i < B; i++) {
            const double *p = prev + (size_t)i * m;
            double *zi = zl + (size_t)i * n;
            for (int j = 0; j < n; j++) {
                const double *w = W + (size_t)j * m;
                double s = 0.0;
                for (int k = 0; k < m; k++) s += p[k] * w[k];
                zi[j] = s + b[j];
            }
        }
        if (net->act[l] == SOFTMAX)
            for (int i = 0; i < B; i++) activate(SOFTMAX, zl + (size_t)i * n, al + (size_t)i * n, dl + (size_t)i * n, n);
        else
            activate(net->act[l], zl, al, dl, B * n);
        prev = al;
        W = b + n;
        at += (size_t)B * n;
    }
}

/* The output layer's a on G points, CHUNK at a time through forward() (scratch: 3 × CHUNK·Σn). */
enum { CHUNK = 64 };
static void predict(const Net *net, const double *theta, const double *points, int G, double *out, double *scratch) {
    size_t S = units_before(net, net->L + 1), before = units_before(net, net->L);
    int n0 = net->n[0], nL = net->n[net->L];
    for (int i = 0; i < G; i += CHUNK) {
        int c = G - i < CHUNK ? G - i : CHUNK;
        double *z = scratch, *a = z + (size_t)c * S, *d = a + (size_t)c * S;
        forward(net, theta, points + (size_t)i * n0, c, z, a, d);
        memcpy(out + (size_t)i * nL, a + (size_t)c * before, (size_t)c * nL * sizeof(double));
    }
}

/* softplus(z) - y z: numpy's logaddexp(0, z) - y z. */
static double bce_term(double z, double y) {
    double sp = z == 0.0 ? 0.693147180559945309417232121458176568 : z < 0 ? log1p(exp(z)) : z + log1p(exp(-z));
    return sp - y * z;
}

/* C: the mean over the batch of the per-sample costs (losses.py), from the output layer's block. */
static double cost(int loss, const double *z, const double *a, const double *y, int B, int n) {
    double s = 0.0;
    size_t N = (size_t)B * n;
    if (loss == MSE) {
        for (size_t k = 0; k < N; k++) s += (a[k] - y[k]) * (a[k] - y[k]);
        return s / (double)N;
    }
    if (loss == BCE) {
        for (size_t k = 0; k < N; k++) s += bce_term(z[k], y[k]);
        return s / (double)N;
    }
    for (int i = 0; i < B; i++) { /* CE: -Σ_j y_j log softmax(z)_j */
        const double *zi = z + (size_t)i * n, *yi = y + (size_t)i * n;
        double m = zi[0], e = 0.0, row = 0.0;
        for (int j = 1; j < n; j++) m = isnan(zi[j]) || zi[j] > m ? zi[j] : m;
        for (int j = 0; j < n; j++) e += exp(zi[j] - m);
        double lse = log(e);
        for (int j = 0; j < n; j++) row += yi[j] * (zi[j] - m - lse);
        s += -row;
    }
    return s / (double)B;
}

/* dC/dz of a row from dC/da: the activation's vector-Jacobian product (Activation.vjp). */
static void vjp(int act, const double *a, const double *d, const double *g, double *out, int n) {
    if (act != SOFTMAX) {
        for (int j = 0; j < n; j++) out[j] = g[j] * d[j];
        return;
    }
    double s = 0.0;
    for (int j = 0; j < n; j++) s += g[j] * a[j];
    for (int j = 0; j < n; j++) out[j] = a[j] * (g[j] - s);
}

/* The backward pass: dC/dθ into grad (θ's layout), from the forward pass's z, a, d; dz (B × Σn) and da
   (B × max n) are scratch. dC/dW^l = Σ_samples dC/dz^l ⊗ a^(l-1), dC/db^l = Σ_samples dC/dz^l. */
static void backward(const Net *net, const double *theta, const double *x, const double *y, int B, int loss,
                     const double *a, const double *d, double *dz, double *da, double *grad, double *da_all) {
    int L = net->L, nL = net->n[L];
    size_t out = (size_t)B * units_before(net, L);
    const double *aL = a + out, *dL = d + out;
    double *dzL = dz + out;
    if (loss == BCE || loss == CE) { /* fused with the sigmoid / softmax they need (losses._bce_dC_dz, _ce_dC_dz) */
        for (int i = 0; i < B; i++) {
            const double *ai = aL + (size_t)i * nL, *yi = y + (size_t)i * nL;
            double ysum = 0.0;
            if (loss == CE)
                for (int j = 0; j < nL; j++) ysum += yi[j];
            for (int j = 0; j < nL; j++)
                dzL[(size_t)i * nL + j] = loss == CE ? (ai[j] * ysum - yi[j]) / B : (ai[j] - yi[j]) / ((double)B * nL);
        }
    } else { /* MSE: (2/n_L)(a^L - y) per sample, averaged over the batch, then through σ */
        double k = 2.0 / ((double)nL * B);
        for (int i = 0; i < B; i++) {
            size_t r = (size_t)i * nL;
            for (int j = 0; j < nL; j++) da[j] = (aL[r + j] - y[r + j]) * k;
            if (da_all) memcpy(da_all + out + r, da, nL * sizeof(double));
            vjp(net->act[L], aL + r, dL + r, da, dzL + r, nL);
        }
    }
    for (int l = L; l >= 1; l--) {
        int n = net->n[l], m = net->n[l - 1];
        size_t at = (size_t)B * units_before(net, l);
        const double *dzl = dz + at;
        const double *prev = l > 1 ? a + (size_t)B * units_before(net, l - 1) : x;
        double *gW = grad + w_at(net, l), *gb = gW + (size_t)n * m;
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < m; k++) {
                double s = 0.0;
                for (int i = 0; i < B; i++) s += dzl[(size_t)i * n + j] * prev[(size_t)i * m + k];
                gW[(size_t)j * m + k] = s;
            }
            double s = 0.0;
            for (int i = 0; i < B; i++) s += dzl[(size_t)i * n + j];
            gb[j] = s;
        }
        if (l > 1) { /* dC/da^(l-1) = Σ_i dC/dz_i^l W_ij^l, then through σ of layer l-1 */
            const double *W = theta + w_at(net, l);
            size_t pat = (size_t)B * units_before(net, l - 1);
            for (int i = 0; i < B; i++) {
                for (int k = 0; k < m; k++) {
                    double s = 0.0;
                    for (int j = 0; j < n; j++) s += dzl[(size_t)i * n + j] * W[(size_t)j * m + k];
                    da[k] = s;
                }
                size_t r = pat + (size_t)i * m;
                if (da_all) memcpy(da_all + r, da, m * sizeof(double));
                vjp(net->act[l - 1], a + r, d + r, da, dz + r, m);
            }
        }
    }
}

/* The forward and backward passes of B samples at θ (backprop.forward and backward): z, a, d, dC/dz and dC/da of
   every layer (each B × Σn; dC/da of the output only for MSE: a cross-entropy is fused with its output), and dC/dθ
   in grad (θ's layout). da: scratch of max n_l. */
static void passes(const Net *net, const double *theta, const double *x, const double *y, int B, int loss, double *z,
                   double *a, double *d, double *dz, double *da_all, double *grad, double *da) {
    forward(net, theta, x, B, z, a, d);
    backward(net, theta, x, y, B, loss, a, d, dz, da, grad, da_all);
}

/* (λ/2) Σ_l ‖W^l‖² (training._penalty). */
static double penalty(const Net *net, const double *theta, double l2) {
    if (l2 == 0.0) return 0.0;
    double total = 0.0;
    for (int l = 1; l <= net->L; l++) {
        const double *W = theta + w_at(net, l);
        size_t size = (size_t)net->n[l] * net->n[l - 1];
        double s = 0.0;
        for (size_t k = 0; k < size; k++) s += W[k] * W[k];
        total += s;
    }
    return 0.5 * l2 * total;
}

/* Every value finite (value by value, as training.py tests them: a sum can overflow in one order and not another). */
static int all_finite(const double *v, size_t P) {
    for (size_t k = 0; k < P; k++)
        if (!isfinite(v[k])) return 0;
    return 1;
}

static double norm(const double *v, size_t size) {
    double s = 0.0;
    for (size_t k = 0; k < size; k++) s += v[k] * v[k];
    return sqrt(s);
}

/* The optimizer's constants, from training.py. */
typedef struct {
    int name;
    double lr, l2, mu, beta1, beta2, eps;
} Optimizer;

/* What a live-training frame also draws, computed at θ after the last step in the same call (fused.py: steps()).
   Each part is skipped when its output is NULL. */
typedef struct {
    int Bk;                   /* the card's samples (fused.passes): xk, yk are Bk × n_0 and Bk × n_L */
    const double *xk, *yk;
    double *card;             /* z, a, σ', dC/dz, dC/da (5 × Bk·Σn), then dC/dθ (θ's layout) */
    int G;                    /* the grid's points (bpv_predict): G × n_0 in, G × n_L out */
    const double *points;
    double *outputs;
    double *costs;            /* C on x, on the test set (NaN without one), on the card's samples (NaN without them) */
} Extras;

/* `steps` full-batch steps from θ (in place) and the optimizer's moments m, v (in place; NULL when the
   optimizer has none yet: it then starts them at 0 and needs them allocated by the caller, as fused.py does).
   *t: steps taken so far, counted on. A step is recorded when s % record_every == 0 or it is the last; each
   record is 5 + 2L numbers: step, C, test C (of θ before the step), predicted and actual change of C,
   ‖dC/dW^l‖ for l = 1..L, ‖dC/db^l‖ for l = 1..L (NaN where not asked for). The last forward pass on x
   (θ after the last step taken) is left in z, a, d (B × Σn each), its gradient dC/dθ (without the L2
   term) in final_grad, and its forward pass on the test set in test_final (z, a, d, each Bt × Σn), unless
   those are NULL.
   Returns OK, or DIVERGED when a step's C, gradient or new θ is not finite: θ, m, v and *t are then as
   before that step, *done steps were taken, and fused.py lets the numpy engine take it and say where. */
int bpv_train(int L, const int *n, const int *act, int loss, Optimizer opt, double *theta, double *m, double *v, long *t,
              const double *x, const double *y, int B, const double *xt, const double *yt, int Bt, int steps,
              int record_every, int diagnostics, double *records, int *recorded, int *done, double *z, double *a,
              double *d, double *final_grad, double *test_final, const Extras *extras) {
    Net net = {L, n, act};
    size_t P = w_at(&net, L + 1), S = units_before(&net, L + 1), at_out = (size_t)B * units_before(&net, L);
    int maxn = 0;
    for (int l = 0; l <= L; l++) maxn = n[l] > maxn ? n[l] : maxn;
    size_t need = 5 * P + (size_t)B * S + (size_t)maxn + 3 * (size_t)(Bt > 0 ? Bt : 0) * S + 3 * (size_t)CHUNK * S;
    double *work = malloc(need * sizeof(double));
    if (!work) return NO_MEMORY;
    double *next = work, *grad = next + P, *g = grad + P, *delta = g + P, *m2 = delta + P, *dz = m2 + P;
    double *da = dz + (size_t)B * S, *tz = da + maxn, *ta = tz + (size_t)Bt * S, *td = ta + (size_t)Bt * S;
    double *v2 = NULL, *cur = theta;
    if (opt.name == ADAM && !(v2 = malloc(P * sizeof(double)))) {
        free(work);
        return NO_MEMORY;
    }
    int status = OK, ahead = 0, width = 5 + 2 * L;
    *recorded = 0;
    *done = 0;
    for (int s = 0; s < steps; s++) {
        if (!ahead) forward(&net, cur, x, B, z, a, d);
        ahead = 0;
        double C = cost(loss, z + at_out, a + at_out, y, B, n[L]);
        backward(&net, cur, x, y, B, loss, a, d, dz, da, grad, NULL);
        memcpy(g, grad, P * sizeof(double));
        if (opt.l2 != 0.0)
            for (int l = 1; l <= L; l++) {
                size_t at = w_at(&net, l), size = (size_t)n[l] * n[l - 1];
                for (size_t k = 0; k < size; k++) g[at + k] += opt.l2 * cur[at + k];
            }
        if (!isfinite(C) || !all_finite(g, P)) {
            status = DIVERGED;
            break;
        }
        long step = *t + 1;
        if (opt.name == SGD) {
            for (size_t k = 0; k < P; k++) delta[k] = -opt.lr * g[k];
        } else if (opt.name == MOMENTUM) {
            for (size_t k = 0; k < P; k++) m2[k] = opt.mu * m[k] + g[k], delta[k] = -opt.lr * m2[k];
        } else {
            double c1 = 1 - pow(opt.beta1, (double)step), c2 = 1 - pow(opt.beta2, (double)step);
            for (size_t k = 0; k < P; k++) {
                m2[k] = opt.beta1 * m[k] + (1 - opt.beta1) * g[k];
                v2[k] = opt.beta2 * v[k] + (1 - opt.beta2) * g[k] * g[k];
                delta[k] = -opt.lr * (m2[k] / c1) / (sqrt(v2[k] / c2) + opt.eps);
            }
        }
        for (size_t k = 0; k < P; k++) next[k] = cur[k] + delta[k];
        if (!all_finite(next, P)) {
            status = DIVERGED;
            break;
        }
        *t = step;
        if (opt.name != SGD) memcpy(m, m2, P * sizeof(double));
        if (opt.name == ADAM) memcpy(v, v2, P * sizeof(double));
        double *keep = cur; /* θ before this step: next becomes θ, and keep the next step's scratch */
        cur = next;
        next = keep;
        if (s % record_every == 0 || s == steps - 1) {
            double *r = records + (size_t)(*recorded)++ * width;
            for (int k = 0; k < width; k++) r[k] = NAN;
            r[0] = (double)(step - 1);
            r[1] = C;
            if (Bt > 0) {
                forward(&net, keep, xt, Bt, tz, ta, td);
                size_t tout = (size_t)Bt * units_before(&net, L);
                r[2] = cost(loss, tz + tout, ta + tout, yt, Bt, n[L]);
            }
            if (diagnostics) {
                for (int l = 1; l <= L; l++) {
                    size_t at = w_at(&net, l), size = (size_t)n[l] * n[l - 1];
                    r[4 + l] = norm(grad + at, size);
                    r[4 + L + l] = norm(grad + at + size, n[l]);
                }
                double predicted = 0.0;
                for (size_t k = 0; k < P; k++) predicted += g[k] * delta[k];
                forward(&net, cur, x, B, z, a, d);
                ahead = 1;
                double after = cost(loss, z + at_out, a + at_out, y, B, n[L]);
                r[3] = predicted;
                r[4] = after + penalty(&net, cur, opt.l2) - (C + penalty(&net, keep, opt.l2));
            }
        }
        (*done)++;
    }
    if (status == OK && !ahead) forward(&net, cur, x, B, z, a, d);
    if (status == OK && final_grad) backward(&net, cur, x, y, B, loss, a, d, dz, da, final_grad, NULL);
    if (status == OK && test_final && Bt > 0)
        forward(&net, cur, xt, Bt, test_final, test_final + (size_t)Bt * S, test_final + 2 * (size_t)Bt * S);
    if (status == OK && extras) {
        const Extras *e = extras;
        size_t at_last = units_before(&net, L);
        if (e->card && e->Bk > 0) { /* bpv_passes on the card's samples */
            size_t k = (size_t)e->Bk * S;
            double *c = e->card;
            passes(&net, cur, e->xk, e->yk, e->Bk, loss, c, c + k, c + 2 * k, c + 3 * k, c + 4 * k, c + 5 * k, da);
        }
        if (e->costs) {
            size_t tout = (size_t)Bt * at_last, kout = (size_t)e->Bk * at_last, k = (size_t)e->Bk * S;
            e->costs[0] = cost(loss, z + at_out, a + at_out, y, B, n[L]);
            e->costs[1] = test_final && Bt > 0 ? cost(loss, test_final + tout, test_final + (size_t)Bt * S + tout, yt, Bt, n[L]) : NAN;
            e->costs[2] = e->card && e->Bk > 0 ? cost(loss, e->card + kout, e->card + k + kout, e->yk, e->Bk, n[L]) : NAN;
        }
        if (e->outputs) predict(&net, cur, e->points, e->G, e->outputs, td + (size_t)Bt * S);
    }
    if (cur != theta) memcpy(theta, cur, P * sizeof(double));
    free(work);
    free(v2);
    return status;
}

/* passes() with its own scratch (fused.passes). */
int bpv_passes(int L, const int *n, const int *act, int loss, const double *theta, const double *x, const double *y,
               int B, double *z, double *a, double *d, double *dz, double *da_all, double *grad) {
    Net net = {L, n, act};
    int maxn = 0;
    for (int l = 0; l <= L; l++) maxn = n[l] > maxn ? n[l] : maxn;
    double *da = malloc((size_t)maxn * sizeof(double));
    if (!da) return NO_MEMORY;
    passes(&net, theta, x, y, B, loss, z, a, d, dz, da_all, grad, da);
    free(da);
    return OK;
}

/* The output layer's a for B samples, CHUNK at a time (a grid of many points needs no B × Σn buffer). */
int bpv_predict(int L, const int *n, const int *act, const double *theta, const double *x, int B, double *out) {
    Net net = {L, n, act};
    double *scratch = malloc(3 * (size_t)CHUNK * units_before(&net, L + 1) * sizeof(double));
    if (!scratch) return NO_MEMORY;
    predict(&net, theta, x, B, out, scratch);
    free(scratch);
    return OK;
}

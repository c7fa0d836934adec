"""Reruns the issue-5 anchor with the authors' own Glow code: a general Glow (grey 32x32, L=3, K=8, hidden 64)
trained on Tiny ImageNet grey, fine-tuned on Fashion-MNIST (optionally also with the outlier loss, w=6000, T=1000),
scored at the bin centre on the first 3,000 Fashion-MNIST test images vs the first 3,000 MNIST test images.
Their code (boschresearch/hierarchical_anomaly_detection, AGPL-3.0) is imported from a checkout given with
--authors-code; nothing of it is copied here. Needs Debian's python3-torch, python3-scipy, python3-pil.

    python3 tools/authors_anchor.py --authors-code CHECKOUT --data-dir $FLOW_DATA_DIR \
        --fashion-dir $FASHION_MNIST_DIR --out runs/anchor --general-steps 800 --fine-steps 1000 [--outlier]

As the authors' loaders: Tiny ImageNet grey is the float luma (--round-luma rounds it to 8 bits as this library
does), its first 80% are the training split; Fashion-MNIST and MNIST are resized 28->32 with PIL bilinear; batches
of 64 with U[0, 1/256) dequantisation noise, Adamax 5e-4, weight decay 5e-5, data-dependent init on 704 images,
no augmentation. Writes result.json (steps, seconds, test bits/dim, AUROCs) and the models (torch.save)."""
import argparse, gzip, json, os, sys, time, copy
import numpy as np
import torch as th
from PIL import Image

def idx(path):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)

def resize32(imgs):
    return np.stack([np.asarray(Image.fromarray(a).resize((32, 32), Image.BILINEAR)) for a in imgs])

def to_x(v):  # uint8 or float grey [N,32,32] -> NCHW float, preprocess v/256-0.5
    return th.from_numpy(np.asarray(v, dtype=np.float32)[:, None] / 256.0 - 0.5)

def auroc(in_scores, out_scores):
    s = np.concatenate([in_scores, out_scores]); y = np.r_[np.ones(len(in_scores)), np.zeros(len(out_scores))]
    order = s.argsort(kind='mergesort'); ranks = np.empty(len(s)); ranks[order] = np.arange(1, len(s) + 1)
    # average ties
    _, inv, cnt = np.unique(s, return_inverse=True, return_counts=True)
    sums = np.bincount(inv, weights=ranks); ranks = (sums / cnt)[inv]
    n1 = len(in_scores); n0 = len(out_scores)
    return (ranks[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)

def logp(model, x, bs=500):
    out = []
    with th.no_grad():
        for i in range(0, len(x), bs):
            out.append(model(x[i:i + bs] + 1 / 512.0, fixed=dict(y=None))[1].numpy())
    return np.concatenate(out)

def train(model, data, seconds, max_steps, rng, log, base=None, outliers=None, w=6000., T=1000.):
    opt = th.optim.Adamax([p for p in model.parameters() if p.requires_grad], lr=5e-4, weight_decay=5e-5)
    n = len(data); perm = rng.permutation(n); pos = 0; steps = 0; t0 = time.time(); bpds = []
    while time.time() - t0 < seconds and steps < max_steps:
        if pos + 64 > n:
            perm = rng.permutation(n); pos = 0
        x = data[perm[pos:pos + 64]]; pos += 64
        x = x + th.rand_like(x) / 256.0
        model.train()
        nll = -(model(x, fixed=dict(y=None))[1] - np.log(256) * 1024)
        loss = nll.mean()
        loss.backward()
        if outliers is not None:
            xo = outliers[rng.choice(len(outliers), 64, replace=False)]
            xo = xo + th.rand_like(xo) / 256.0
            with th.no_grad():
                base_lp = base(xo, fixed=dict(y=None))[1]
            d = model(xo, fixed=dict(y=None))[1] - base_lp
            (w * th.nn.functional.softplus(d / T).mean()).backward()
        if all(th.isfinite(p.grad).all() for p in model.parameters() if p.grad is not None):
            opt.step()
        opt.zero_grad()
        steps += 1
        bpds.append(loss.item() / (1024 * np.log(2)))
        if steps % 100 == 0:
            print(f"{log} step {steps} t={time.time()-t0:.0f}s bpd(last100)={np.mean(bpds[-100:]):.3f}", flush=True)
    return steps, time.time() - t0

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', required=True); ap.add_argument('--seed', type=int, default=20200610)
    ap.add_argument('--general-seconds', type=float, default=420); ap.add_argument('--fine-seconds', type=float, default=420)
    ap.add_argument('--general-steps', type=int, default=10**9); ap.add_argument('--fine-steps', type=int, default=10**9)
    ap.add_argument('--outlier', action='store_true')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--authors-code', required=True, help='checkout holding the invglow package')
    ap.add_argument('--data-dir', required=True, help='directory with mnist/ and tiny-imagenet-32/ (IDX)')
    ap.add_argument('--fashion-dir', required=True, help='directory with the Fashion-MNIST IDX files')
    ap.add_argument('--round-luma', action='store_true')

    a = ap.parse_args(); os.makedirs(a.out, exist_ok=True); th.set_num_threads(a.threads)
    sys.path.insert(0, a.authors_code)
    from invglow.models.glow import create_glow_model
    from invglow.invertible.init import init_all_modules
    from invglow.util import set_random_seeds
    d = a.data_dir
    tiny = idx(f'{d}/tiny-imagenet-32/train-images-idx4-ubyte.gz').astype(np.float64)
    tiny = np.sum(tiny * np.array([0.2989, 0.5870, 0.1140]), axis=-1)  # float luma, as the authors
    if a.round_luma:
        tiny = np.floor(tiny + 0.5)
    tiny_x = to_x(tiny[:40000])
    fm = a.fashion_dir
    f_train = to_x(resize32(idx(f'{fm}/train-images-idx3-ubyte.gz')))
    f_test = to_x(resize32(idx(f'{fm}/t10k-images-idx3-ubyte.gz')[:3000]))
    m_test = to_x(resize32(idx(f'{d}/mnist/test3000-images-idx3-ubyte.gz')))
    res = dict(seed=a.seed)
    set_random_seeds(a.seed, False); rng = np.random.RandomState(a.seed)
    def fresh(data):
        m = create_glow_model(hidden_channels=64, K=8, L=3, flow_permutation='invconv', flow_coupling='affine',
                              LU_decomposed=True, n_chans=1)
        init_x = data[rng.choice(len(data), 704, replace=False)]
        init_all_modules(m, init_x + th.rand_like(init_x) / 256.0, use_y=False, verbose_init=False)
        return m
    gen = fresh(tiny_x)
    res['general_steps'], res['general_seconds'] = train(gen, tiny_x, a.general_seconds, a.general_steps, rng, 'general')
    th.save(gen, f'{a.out}/general.th')
    lg_f, lg_m = logp(gen, f_test), logp(gen, m_test)
    res['general_test_bpd_fmnist'] = float(8 - lg_f.mean() / (1024 * np.log(2)))
    fine = copy.deepcopy(gen)
    res['fine_steps'], res['fine_seconds'] = train(fine, f_train, a.fine_seconds, a.fine_steps, rng, 'fine')
    th.save(fine, f'{a.out}/fine.th')
    li_f, li_m = logp(fine, f_test), logp(fine, m_test)
    res['fine_test_bpd_fmnist'] = float(8 - li_f.mean() / (1024 * np.log(2)))
    res['auroc_raw_fine'] = auroc(li_f, li_m); res['auroc_raw_general'] = auroc(lg_f, lg_m)
    res['auroc_lr'] = auroc(li_f - lg_f, li_m - lg_m)
    if a.outlier:
        ol = copy.deepcopy(gen)
        res['ol_steps'], res['ol_seconds'] = train(ol, f_train, a.fine_seconds, a.fine_steps, rng, 'outlier', base=gen, outliers=tiny_x)
        th.save(ol, f'{a.out}/ol.th')
        lo_f, lo_m = logp(ol, f_test), logp(ol, m_test)
        res['auroc_lr_ol'] = auroc(lo_f - lg_f, lo_m - lg_m)
    print(json.dumps(res, indent=1))
    json.dump(res, open(f'{a.out}/result.json', 'w'), indent=1)

if __name__ == '__main__':
    main()

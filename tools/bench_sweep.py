"""Training throughput against batch size (and under load), ours beside the authors' code.
For each batch size B: PAIRS interleaved rounds of the authors' PyTorch Glow (the side-by-side tool's ref_bench.py,
when --authors is given) and `./flowad bench --json --batch B`, each timing about --images images per repeat
(3 repeats, medians). With --load N, N busy-looping processes run during the measurements (a shared machine).
usage (from the repo root, Debian python3-torch for the authors' side):
  /usr/bin/python3 tools/bench_sweep.py [--batches 16,32,64,128,256] [--pairs 1] [--load 0] [--images 1280]
      [--authors CHECKOUT] [--ref-bench ../shared/tools/ref_bench.py] [-- extra bench args, e.g. --intra-threads 1]
Prints one JSON line per batch size: ours and theirs train images/s (median over pairs), and their ratio."""
import argparse, json, multiprocessing, os, statistics as st, subprocess, sys

ap = argparse.ArgumentParser()
ap.add_argument('--batches', default='16,32,64,128,256')
ap.add_argument('--pairs', type=int, default=1)
ap.add_argument('--load', type=int, default=0, help='busy-looping processes during the measurements')
ap.add_argument('--images', type=int, default=1280, help='images per timed repeat')
ap.add_argument('--authors', help='checkout of boschresearch/hierarchical_anomaly_detection (optional)')
ap.add_argument('--ref-bench', default=os.path.join('..', 'shared', 'tools', 'ref_bench.py'))
ap.add_argument('bench_args', nargs='*', help='after --: more ./flowad bench options')
a = ap.parse_args()


def busy():
    while True:
        pass


def last_json(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    lines = [l for l in p.stdout.splitlines() if l.startswith('{')]
    if p.returncode != 0 or not lines:
        sys.exit('failed (%d): %s\n%s' % (p.returncode, ' '.join(cmd), p.stderr[-2000:]))
    return json.loads(lines[-1])


hidden = []
if '--hidden' in a.bench_args:
    hidden = ['--hidden', a.bench_args[a.bench_args.index('--hidden') + 1]]
loaders = [multiprocessing.Process(target=busy, daemon=True) for _ in range(a.load)]
for p in loaders:
    p.start()
try:
    for batch in [int(b) for b in a.batches.split(',')]:
        steps = max(2, a.images // batch)
        ours, theirs = [], []
        for _ in range(a.pairs):
            if a.authors:
                theirs.append(last_json(['/usr/bin/python3', a.ref_bench, a.authors, '--batch', str(batch),
                                         '--steps', str(steps), '--score-images', '512'] + hidden))
            ours.append(last_json(['./flowad', 'bench', '--json', '--batch', str(batch), '--train-steps',
                                   str(steps), '--score-batches', '2'] + a.bench_args))
        row = dict(batch=batch, steps_per_repeat=steps, load=a.load, bench_args=' '.join(a.bench_args),
                   ours_train=round(st.median(r['train_images_per_second'] for r in ours), 1),
                   ours_repeats=[round(v, 1) for r in ours for v in r['train_repeats']],
                   ours_load_average=[r['load_average'] for r in ours])
        if theirs:
            row['authors_train'] = round(st.median(r['train_images_per_second'] for r in theirs), 1)
            row['authors_repeats'] = [round(v, 1) for r in theirs for v in r['train_repeats']]
            row['pair_ratios'] = [round(o['train_images_per_second'] / t['train_images_per_second'], 3)
                                  for o, t in zip(ours, theirs)]
        print(json.dumps(row), flush=True)
finally:
    for p in loaders:
        p.terminate()

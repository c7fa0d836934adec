"""Peak memory of `flowad train` against the number of training images: writes N synthetic grey 32x32 images (random
blobs, uint8) to an IDX file, trains the protocol's Glow (config/glow-trainer.xml: L=3, K=8, hidden 64) for a few steps
on them under a fixed heap, and reads the peak RSS from /usr/bin/time (Debian packages `time`, `python3-numpy`).
usage: python3 tools/train_memory.py [--images 10000,50000,100000,200000] [--heap 1g] [--steps 20] [--jvm=-XX:+UseSerialGC]
       (from the repo root; --jvm adds JVM options after -Xmx)
Prints one JSON line per size: images, pixels, heap, exit status, peak_rss_mb, wall_seconds; then the slope of peak
RSS against pixels (bytes per pixel) between the smallest and largest size that trained."""
import argparse, json, os, struct, subprocess, tempfile, time
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument('--images', default='10000,50000,100000,200000')
ap.add_argument('--heap', default='1g')
ap.add_argument('--steps', type=int, default=20)
ap.add_argument('--jvm', default='', help='further JVM options, e.g. -XX:+UseSerialGC')
a = ap.parse_args()

def write_idx(path, n, seed):
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:32, 0:32]
    with open(path, 'wb') as f:
        f.write(struct.pack('>IIII', 0x00000803, n, 32, 32))
        for start in range(0, n, 10000):
            m = min(10000, n - start)
            cy, cx, r = (rng.uniform(lo, hi, (m, 1, 1)) for lo, hi in ((8, 24), (8, 24), (3, 9)))
            d = ((yy - cy) ** 2 + (xx - cx) ** 2) / r ** 2
            img = np.where(d < 1, 230 * (1 - d), rng.integers(0, 12, (m, 32, 32)))
            f.write(np.clip(img, 0, 255).astype(np.uint8).tobytes())

rows = []
with tempfile.TemporaryDirectory() as tmp:
    for n in [int(s) for s in a.images.split(',')]:
        idx = os.path.join(tmp, 'images.idx')
        write_idx(idx, n, n)
        cfg = os.path.join(tmp, 'data.xml')
        with open(cfg, 'w') as f:
            f.write('<config><component name="images" type="io.github.flowanomaly.tribuo.data.IdxImageSource">'
                    '<property name="imagesPath" value="%s"/><property name="role" value="IN_DISTRIBUTION"/>'
                    '</component></config>' % idx)
        env = dict(os.environ, FLOWAD_JAVA_OPTS=('-Xmx' + a.heap + ' ' + a.jvm).strip())
        start = time.time()
        p = subprocess.run(['/usr/bin/time', '-f', 'RSS_KB %M', './flowad', 'train', '-c',
                            'config/glow-trainer.xml,' + cfg, '--trainer', 'glow-trainer', '--data', 'images',
                            '--out', os.path.join(tmp, 'm.tribuo'), '--quiet', '--@glow-trainer.maxSteps',
                            str(a.steps)], env=env, capture_output=True, text=True)
        rss = [int(l.split()[1]) for l in p.stderr.splitlines() if l.startswith('RSS_KB')]
        row = dict(images=n, pixels=n * 1024, heap=a.heap, jvm=a.jvm, exit=p.returncode,
                   peak_rss_mb=round(rss[-1] / 1024, 1) if rss else None, wall_seconds=round(time.time() - start, 1))
        if p.returncode != 0:
            row['error'] = [l for l in p.stderr.splitlines() if 'flowad' in l][:2]
        rows.append(row)
        print(json.dumps(row), flush=True)
ok = [r for r in rows if r['exit'] == 0 and r['peak_rss_mb']]
if len(ok) >= 2:
    lo, hi = ok[0], ok[-1]
    slope = (hi['peak_rss_mb'] - lo['peak_rss_mb']) * 2 ** 20 / (hi['pixels'] - lo['pixels'])
    print(json.dumps(dict(bytes_per_pixel=round(slope, 2), between=[lo['images'], hi['images']])))

#!/usr/bin/env python3
"""Computes the training-step reference used by tf-graphs' GoldenTrainingStepTest with the authors' own
PyTorch Glow (boschresearch/hierarchical_anomaly_detection, AGPL-3.0). Their code is imported from a checkout
the user gives; nothing of it is copied here.

    python3 tools/training_step_reference.py --authors-code /path/to/hierarchical_anomaly_detection \
        --golden $FLOW_DATA_DIR/golden/glow-reference-vectors.json \
        --out tf-graphs/src/test/resources/golden/training-step-reference.json

Needs torch (Debian: python3-torch python3-scipy). Starting from the weights of case 1 of the golden vectors
(grey 32x32, L=3, K=2, hidden 8), in float64:
  1. the loss (mean NLL in nats, D ln 256 included) and its gradient for every trainable parameter on batch A;
  2. the same with the class outlier loss (w=6000, T=1000) on outlier batch O with given general-model
     log-likelihoods;
  3. the trainable weights after two Adamax steps (lr 5e-4, weight decay 5e-5), on batch A and then batch B;
  4. every ActNorm's parameters after the data-dependent initialisation on batch A (init_all_modules).
Batches are the 8 golden images dequantised with a fixed, formula-defined offset u in [0, 1) (no RNG), so the
Java test rebuilds them exactly: x = (v + u)/256 - 0.5 with u = frac((index + 1) * phase), index running over
(image, pixel) in row-major order. Layouts are the golden file's (PyTorch OIHW, priors in CHW)."""
import argparse
import json
import math
import sys

import numpy as np
import torch as th

PHASES = {'A': 0.6180339887498949, 'B': 0.4142135623730951, 'O': 0.7320508075688772}
OUTLIER_GENERAL_LOG_LIKELIHOODS = [-3000.0 + 50.0 * i for i in range(8)]
OUTLIER_WEIGHT, OUTLIER_TEMPERATURE = 6000.0, 1000.0


def batch(images, phase, reverse):
    v = np.asarray(images, dtype=np.float64)
    if reverse:
        v = v[::-1]
    index = np.arange(v.size, dtype=np.float64).reshape(v.shape)
    u = np.mod((index + 1.0) * phase, 1.0)
    x = ((v + u) / 256.0 - 0.5).astype(np.float32).astype(np.float64)
    return th.from_numpy(x.reshape(-1, 1, 32, 32))


def build(authors_code, config):
    sys.path.insert(0, authors_code)
    from invglow.models.glow import create_glow_model
    from invglow.invertible.init import init_all_modules
    from invglow.invertible.graph import get_nodes_by_names
    model = create_glow_model(hidden_channels=config['hidden'], K=config['steps_per_level'], L=config['levels'],
                              flow_permutation='invconv', flow_coupling='affine', LU_decomposed=True,
                              n_chans=config['channels'])
    init_all_modules(model, None)  # marks every ActNorm initialised; the golden weights replace all values
    return model.double(), get_nodes_by_names


def golden_targets(model, get_nodes_by_names, levels, steps):
    """Golden parameter name -> (tensor in the authors' model, whether it is trainable)."""
    targets = {}
    flows = get_nodes_by_names(model, *[f'm0-flow-{s}' for s in range(levels)])
    priors = get_nodes_by_names(model, *[f'm0-act-{s}' for s in range(levels)])
    for s in range(levels):
        for k in range(steps):
            block = flows[s].module.sequential[k + 1].sequential
            actnorm, invconv, coupling = block[0], block[1], block[2]
            net = coupling.coef_extractor.module
            p = f'level{s}.step{k}.'
            targets[p + 'actnorm.loc'] = actnorm.loc
            targets[p + 'actnorm.log_scale'] = actnorm.log_scale
            targets[p + 'invconv.P'] = invconv.w_p
            targets[p + 'invconv.sign_s'] = invconv.s_sign
            targets[p + 'invconv.L'] = invconv.w_l
            targets[p + 'invconv.log_s'] = invconv.w_s
            targets[p + 'invconv.U'] = invconv.w_u
            targets[p + 'coupling.conv1.weight_OIHW'] = net[0].conv.weight
            targets[p + 'coupling.actnorm1.loc'] = net[0].actnorm.loc
            targets[p + 'coupling.actnorm1.log_scale'] = net[0].actnorm.log_scale
            targets[p + 'coupling.conv2.weight_OIHW'] = net[2].conv.weight
            targets[p + 'coupling.actnorm2.loc'] = net[2].actnorm.loc
            targets[p + 'coupling.actnorm2.log_scale'] = net[2].actnorm.log_scale
            targets[p + 'coupling.conv3.weight_OIHW'] = net[4].conv.weight
            targets[p + 'coupling.conv3.bias'] = net[4].conv.bias
            targets[p + 'coupling.conv3.logs'] = net[4].logs
        prior = priors[s].module.sequential[1]
        targets[f'level{s}.prior.loc_chw'] = prior.loc
        targets[f'level{s}.prior.log_scale_chw'] = prior.log_scale
    return targets


def load(targets, params):
    if set(targets) != set(params):
        raise SystemExit(f'parameter names differ: {sorted(set(targets) ^ set(params))}')
    with th.no_grad():
        for name, tensor in targets.items():
            values = th.tensor(params[name]['values'], dtype=th.float64)
            tensor.copy_(values.reshape(tensor.shape))


def mean_nll(model, x):
    log_p = model(x, fixed=dict(y=None))[1]
    return th.mean(-(log_p - 1024 * math.log(256)))


def outlier_term(model, x):
    delta = model(x, fixed=dict(y=None))[1] - th.tensor(OUTLIER_GENERAL_LOG_LIKELIHOODS, dtype=th.float64)
    return OUTLIER_WEIGHT * th.mean(th.nn.functional.softplus(delta / OUTLIER_TEMPERATURE))


def rounded(tensor):
    """Flat values to 9 significant digits: float32 precision with margin, half the file of full doubles."""
    return [float(f'{v:.9g}') for v in tensor.detach().reshape(-1).tolist()]


def gradients(model, trainable, loss):
    model.zero_grad()
    loss.backward()
    return {name: rounded(t.grad) for name, t in trainable.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--authors-code', required=True)
    ap.add_argument('--golden', required=True)
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    golden = json.load(open(a.golden))
    case = golden['cases'][1]
    config = case['config']
    model, get_nodes_by_names = build(a.authors_code, config)
    targets = golden_targets(model, get_nodes_by_names, config['levels'], config['steps_per_level'])
    load(targets, case['params'])
    trainable = {n: t for n, t in targets.items() if isinstance(t, th.nn.Parameter) and t.requires_grad}
    images = golden['inputs_uint8']
    x_a, x_b, x_o = batch(images, PHASES['A'], False), batch(images, PHASES['B'], True), batch(images, PHASES['O'], False)

    check = model(batch(images, 0.0, False) + 1 / 512.0, fixed=dict(y=None))[1].detach().numpy()
    expected = np.array(case['outputs']['total_log_likelihood'])
    if np.max(np.abs(check - expected)) > 1e-6:
        raise SystemExit(f'golden weights not loaded faithfully: {check} vs {expected}')

    loss_a = mean_nll(model, x_a)
    grads_a = gradients(model, trainable, loss_a)
    loss_o = mean_nll(model, x_a) + outlier_term(model, x_o)
    grads_o = gradients(model, trainable, loss_o)

    optimizer = th.optim.Adamax(list(trainable.values()), lr=5e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=5e-5)
    losses = []
    for x in (x_a, x_b):
        optimizer.zero_grad()
        loss = mean_nll(model, x)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    after = {name: rounded(t) for name, t in trainable.items()}

    model, _ = build(a.authors_code, config)
    targets = golden_targets(model, get_nodes_by_names, config['levels'], config['steps_per_level'])
    load(targets, case['params'])
    from invglow.invertible.init import init_all_modules
    init_all_modules(model, x_a, use_y=False, verbose_init=False)
    initialised = {name: rounded(t) for name, t in targets.items() if name.endswith(('loc', 'log_scale', '_chw'))}

    out = dict(
        description='Training-step reference of the authors\' Glow, see tools/training_step_reference.py',
        golden_case=1, phases=PHASES, batch_b_reversed=True,
        outlier=dict(weight=OUTLIER_WEIGHT, temperature=OUTLIER_TEMPERATURE,
                     general_log_likelihoods=OUTLIER_GENERAL_LOG_LIKELIHOODS),
        adamax=dict(learning_rate=5e-4, beta1=0.9, beta2=0.999, epsilon=1e-8, weight_decay=5e-5),
        loss_a=loss_a.item(), gradients_a=grads_a,
        loss_with_outlier=loss_o.item(), gradients_with_outlier=grads_o,
        step_losses=losses, weights_after_two_steps=after,
        actnorms_after_data_init=initialised)
    with open(a.out, 'w') as f:
        json.dump(out, f, separators=(',', ':'))


if __name__ == '__main__':
    main()

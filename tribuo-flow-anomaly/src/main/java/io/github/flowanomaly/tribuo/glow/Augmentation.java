package io.github.flowanomaly.tribuo.glow;

/**
 * The geometric training augmentation of the paper's code ({@code invglow/datasets.py}): none, random translations
 * ({@code RandomAffine(degrees=0, translate=(f, f))}, zero fill; the authors' choice for digits and clothes), or
 * translations followed by random horizontal flips (their choice for natural images: Tiny Images, CIFAR).
 */
public enum Augmentation {
    /** Images are used as they are. */
    NONE,
    /** A random integer shift per axis, vacated pixels zero. */
    TRANSLATE,
    /** The shift, then a horizontal flip with probability 1/2. */
    TRANSLATE_FLIP
}

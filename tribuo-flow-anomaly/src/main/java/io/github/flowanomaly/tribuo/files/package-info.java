/**
 * File helpers shared by the trainers, the experiment runner and the command line: atomic writes (temporary file in
 * the target's directory, then rename), so a crash never leaves a half-written model, checkpoint or record.
 */
package io.github.flowanomaly.tribuo.files;

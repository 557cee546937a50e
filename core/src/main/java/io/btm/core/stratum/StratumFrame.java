package io.btm.core.stratum;

/**
 * One frame read from a stratum connection: a {@link StratumMessage}, or an {@link UnreadableFrame}
 * that is not one. The wire decoder hands on both, so each side decides what garbage means to it
 * (skip it, answer it, or close, as the pool it models would).
 */
public sealed interface StratumFrame permits StratumMessage, UnreadableFrame {
}

// preact + htm: tagged templates instead of JSX, so the sources run without a compile step of their own.
// Interpolated values become text nodes or attribute values, never markup: agent output is safe to put in ${...}.
import { h } from 'preact';
import htm from 'htm';

export const html = htm.bind(h);

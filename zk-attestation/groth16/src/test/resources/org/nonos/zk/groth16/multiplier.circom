// SPDX-License-Identifier: Apache-2.0
pragma circom 2.0.0;
template Multiplier() {
    signal input x;
    signal input y;
    signal output z;
    z <== x * y;
}
component main = Multiplier();

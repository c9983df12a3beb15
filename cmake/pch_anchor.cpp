// SPDX-License-Identifier: Apache-2.0
// The translation unit that carries a precompiled header (cmake/build_speed.cmake).

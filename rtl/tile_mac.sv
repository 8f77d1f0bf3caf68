// tile_mac: one 16x16x16 tile MMA engine, C += A x B^T, for tilesim's Xtile unit.
//
// Microarchitecture: an output-stationary systolic array of ROWS x COLS PEs. A 16x16 output tile
// is computed in PASSES = ceil(16/ROWS) * ceil(16/COLS) passes of K steps each (K = 16 for int8;
// 16 for int4, 16x16x32, where each PE does two 4x4-bit products per step from one byte of A and
// one of B; ceil(16/TF) for ternary weights, where each PE adds TF products per step: no
// multipliers).
// A control token (tag, step) enters PE(0,0) once per cycle while an MMA streams and reaches
// PE(r,c) r+c cycles later (the skew of a systolic array: operands of step e meet in PE(r,c) at
// cycle start+1+e+r+c). Each PE accumulates over the K steps of a pass, starting from C_in, and
// writes its result at the last step. Timing, the ONE formula tilesim's C++ model uses
// (sim/cfg/chip_params.h, MacTiming):
//   II      = PASSES * K                       a new MMA may start every II cycles
//   latency = II + (ROWS-1) + (COLS-1) + DEPTH out_valid in cycle start + latency
// DEPTH counts the input capture register plus DEPTH-1 output register stages (DEPTH >= 1).
// Several MMAs are in flight (up to ceil(latency / II)); each has a tag with its own operand,
// accumulator-in and result buffers.
//
// Operand layout (as tilesim's tile registers): a, b: 16x16 bytes, element [r][k] at bits
// 8*(16*r+k); ternary b: 2-bit codes, element [n][k] at bits 2*(16*n+k) (byte 4n+k/4),
// two's complement: 0 -> 0, 1 -> +1, 3 -> -1, 2 -> invalid (0). c: 16x16 int32, [m][n] at 32*(16*m+n).
// int4 a, b: the int8 image, two elements per byte, element [r][k] in byte 16*r + k/2, low nibble
// first. Modes (isa/formats.def, rtl_mode): 0 ss, 1 su, 2 us, 3 uu (first letter A, second B;
// u = unsigned), 4 ternary (A signed), 5 int4 (both signed).
module tile_mac #(
    parameter int ROWS = 16,
    parameter int COLS = 16,
    parameter int DEPTH = 2,
    parameter int TF = 4
) (
    input  logic          clk,
    input  logic          rst,
    input  logic          in_valid,
    input  logic [2:0]    in_mode,
    input  logic [2047:0] in_a,
    input  logic [2047:0] in_b,
    input  logic [8191:0] in_c,
    output logic          in_ready,
    output logic          out_valid,
    output logic [8191:0] out_c
);
  localparam int PR = (16 + ROWS - 1) / ROWS;
  localparam int PC = (16 + COLS - 1) / COLS;
  localparam int PASSES = PR * PC;
  localparam int KT = (16 + TF - 1) / TF;
  localparam int II8 = PASSES * 16;
  localparam int IIT = PASSES * KT;
  localparam int LATT = IIT + ROWS + COLS - 2 + DEPTH;
  localparam int INFLIGHT = (LATT + IIT - 1) / IIT + 1;  // ternary has the most MMAs in flight
  localparam int TAGW = $clog2(INFLIGHT + 1);
  localparam int NTAG = 1 << TAGW;
  localparam int SKEW = ROWS + COLS - 1;
  localparam int EW = $clog2(II8 + 1);

  initial begin
    if (DEPTH < 1) $error("tile_mac: DEPTH must be >= 1 (the input register is one stage)");
    if ((16 % TF) != 0) $error("tile_mac: TF must divide 16");
  end

  // ---- per-tag buffers ---------------------------------------------------------------------
  logic [7:0]         a_buf[NTAG][16][16];
  logic [7:0]         b_buf[NTAG][16][16];
  logic signed [31:0] c_buf[NTAG][16][16];
  logic [2:0]         mode_buf[NTAG];
  logic [TAGW-1:0]    tag_wr;

  // ---- feeder: one token per cycle while an MMA streams --------------------------------------
  logic [EW-1:0]   feed_left, feed_ii;
  logic [TAGW-1:0] feed_tag;
  assign in_ready = (feed_left <= 1);

  typedef struct packed {
    logic            valid;
    logic [TAGW-1:0] tag;
    logic [EW-1:0]   e;
  } token_t;
  token_t tok[SKEW];  // tok[d]: the token as seen by PEs with r + c == d (tok[0] = this cycle's)
  token_t tok_q[SKEW];  // registered skew line: tok_q[d] = tok[d] one cycle later

  always_ff @(posedge clk) begin
    if (rst) begin
      feed_left <= '0;
      feed_ii <= '0;
      feed_tag <= '0;
      tag_wr <= '0;
    end else begin
      if (in_valid && in_ready) begin
        for (int r = 0; r < 16; r++)
          for (int k = 0; k < 16; k++) begin
            a_buf[tag_wr][r][k] <= in_a[8*(16*r+k) +: 8];
            b_buf[tag_wr][r][k] <= in_b[8*(16*r+k) +: 8];
            c_buf[tag_wr][r][k] <= in_c[32*(16*r+k) +: 32];
          end
        mode_buf[tag_wr] <= in_mode;
        feed_tag <= tag_wr;
        feed_ii <= (in_mode == 3'd4) ? EW'(IIT) : EW'(II8);
        feed_left <= (in_mode == 3'd4) ? EW'(IIT) : EW'(II8);
        tag_wr <= tag_wr + 1'b1;
      end else if (feed_left != 0) begin
        feed_left <= feed_left - 1'b1;
      end
    end
  end

  // Token of this cycle at PE(0,0); then the skew line.
  token_t tok0;
  always_comb begin
    tok0.valid = (feed_left != 0) && !(in_valid && in_ready && feed_left == 0);
    tok0.tag = feed_tag;
    tok0.e = feed_ii - feed_left;
  end
  always_comb begin
    tok[0] = tok0;
    for (int d = 1; d < SKEW; d++) tok[d] = tok_q[d-1];
  end
  always_ff @(posedge clk) begin
    if (rst) begin
      for (int d = 0; d < SKEW; d++) tok_q[d] <= '0;
    end else begin
      for (int d = 0; d < SKEW; d++) tok_q[d] <= tok[d];
    end
  end

  // ---- the PE array ------------------------------------------------------------------------
  // Results per PE, tag and pass: PE(r, c) of pass p owns output element
  // ((p / PC) * ROWS + r, (p % PC) * COLS + c).
  logic signed [31:0] pe_res[ROWS][COLS][NTAG][PASSES];
  logic               fin_valid;
  logic [TAGW-1:0]    fin_tag;

  for (genvar r = 0; r < ROWS; r++) begin : g_row
    for (genvar c = 0; c < COLS; c++) begin : g_col
      logic signed [31:0] acc;
      token_t t;
      logic [2:0] mode;
      logic ternary;
      int k_steps, e, p, kk, row, col;
      logic signed [31:0] base, out;
      logic [8*TF-1:0] pe_a;
      logic [7:0] pe_b;
      logic [2*TF-1:0] pe_w;
      always_comb begin
        t = tok[r + c];
        mode = mode_buf[t.tag];
        ternary = (mode == 3'd4);
        k_steps = ternary ? KT : 16;
        e = int'(t.e);
        p = e / k_steps;
        kk = e % k_steps;
        row = (p / PC) * ROWS + r;
        col = (p % PC) * COLS + c;
        pe_a = '0;
        pe_b = '0;
        pe_w = '0;
        base = 32'sd0;
        if (t.valid && row < 16 && col < 16) begin
          if (ternary) begin
            // ternary row n occupies bytes 4n .. 4n+3 of the tile image: code k in byte 4n + k/4
            for (int i = 0; i < TF; i++) begin
              pe_a[8*i +: 8] = a_buf[t.tag][row][kk * TF + i];
              pe_w[2*i +: 2] = b_buf[t.tag][(4 * col + (kk * TF + i) / 4) / 16][(4 * col + (kk * TF + i) / 4) % 16][2*((kk * TF + i) % 4) +: 2];
            end
          end else begin
            pe_a[7:0] = a_buf[t.tag][row][kk];
            pe_b = b_buf[t.tag][col][kk];
          end
          base = (kk == 0) ? c_buf[t.tag][row][col] : acc;
        end
      end
      mac_pe #(.TF(TF)) u_pe (.mode(mode), .a(pe_a), .b(pe_b), .w(pe_w), .base(base), .out(out));
      always_ff @(posedge clk) begin
        if (t.valid && row < 16 && col < 16) begin
          acc <= out;
          if (kk == k_steps - 1) pe_res[r][c][t.tag][p] <= out;
        end
      end
    end
  end

  // The last PE's last step completes the MMA.
  always_ff @(posedge clk) begin
    if (rst) begin
      fin_valid <= 1'b0;
      fin_tag <= '0;
    end else begin
      fin_valid <= tok[SKEW-1].valid &&
                   int'(tok[SKEW-1].e) == ((mode_buf[tok[SKEW-1].tag] == 3'd4) ? IIT : II8) - 1;
      fin_tag <= tok[SKEW-1].tag;
    end
  end

  // ---- output stages (DEPTH - 1 after the capture register) --------------------------------
  logic [8191:0] res_flat;
  always_comb begin
    for (int m = 0; m < 16; m++)
      for (int n = 0; n < 16; n++)
        res_flat[32*(16*m+n) +: 32] = pe_res[m % ROWS][n % COLS][fin_tag][(m / ROWS) * PC + n / COLS];
  end
  generate
    if (DEPTH == 1) begin : g_direct
      assign out_valid = fin_valid;
      assign out_c = res_flat;
    end else begin : g_pipe
      logic          v_pipe[DEPTH-1];
      logic [8191:0] d_pipe[DEPTH-1];
      always_ff @(posedge clk) begin
        if (rst) begin
          for (int i = 0; i < DEPTH - 1; i++) v_pipe[i] <= 1'b0;
        end else begin
          v_pipe[0] <= fin_valid;
          d_pipe[0] <= res_flat;
          for (int i = 1; i < DEPTH - 1; i++) begin
            v_pipe[i] <= v_pipe[i-1];
            d_pipe[i] <= d_pipe[i-1];
          end
        end
      end
      assign out_valid = v_pipe[DEPTH-2];
      assign out_c = d_pipe[DEPTH-2];
    end
  endgenerate
endmodule

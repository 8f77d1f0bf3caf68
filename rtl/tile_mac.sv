// tile_mac: the tile MMA engine of tilesim's Xtile unit, C += A x B^T, as a structural
// output-stationary systolic array of ROWS x COLS PEs (rtl/systolic_pe.sv).
//
// Data flow. A 16x16 output tile takes PASSES = (16/ROWS) * (16/COLS) passes of K steps (K = 16
// for int8 and int4 (16x16x32: each PE does two 4x4-bit products per step from one byte of A and
// one of B), 16/TF for ternary weights: each PE adds TF products per step, no multiplier). The
// feeder holds the operands of the MMA streaming now (one capture register, reloaded when the
// next MMA is accepted) and each cycle puts one step on the array's edges: array row r gets the
// activations A[row][k] of its output row, array column c the weights B[col][k]. A triangular
// skew (row r delayed r cycles, column c delayed c cycles) starts the wave; from there the
// activations (with the control token) shift right one PE per cycle and the weights shift down,
// so step e of an MMA that started in cycle s meets in PE(r,c) in cycle s + 1 + e + r + c. No
// operand is held per MMA anywhere but in the feeder: several MMAs are in the array at once as
// successive waves.
//
// Accumulators. Each PE adds its products into its own accumulator after DEPTH - 1 product
// pipeline stages, starting a pass from c_in (PE(r,c)'s slice) and holding the pass's result in
// the cycle after its last step. c_in and acc are the accumulator-SRAM side of the array: all PEs
// of a diagonal r + c = d take their c_in (first_d[d]) and finish (done_d[d]) in the same cycle,
// so that side reads and writes one diagonal at a time (rtl/sim/variant.cpp.in plays it).
// out_valid: the MMA's last result (PE(ROWS-1, COLS-1), last pass) is in acc this cycle.
//
// Timing, the ONE formula of tilesim's C++ model (sim/cfg/chip_params.h, MacTiming):
//   II      = PASSES * K                       a new MMA may start every II cycles
//   latency = II + (ROWS-1) + (COLS-1) + DEPTH out_valid in cycle start + latency
//
// Operand layout (as tilesim's tile registers): a, b: 16x16 bytes, element [r][k] at bits
// 8*(16*r+k); ternary b: 2-bit codes, element [n][k] at bits 2*(16*n+k), two's complement:
// 0 -> 0, 1 -> +1, 3 -> -1, 2 -> invalid (0). c: [m][n] int32. int4 a, b: two elements per byte,
// element [r][k] in byte 16*r + k/2, low nibble first. Modes (isa/formats.def, rtl_mode): 0 ss,
// 1 su, 2 us, 3 uu (first letter A, u = unsigned), 4 ternary (A signed), 5 int4 (both signed).
module tile_mac #(
    parameter int ROWS = 16,
    parameter int COLS = 16,
    parameter int DEPTH = 2,
    parameter int TF = 4,
    parameter bit INT8 = 1'b1,
    parameter bit INT4 = 1'b1,
    parameter bit TERNARY = 1'b1,
    localparam int SKEW = ROWS + COLS - 1
) (
    input  logic                      clk,
    input  logic                      rst,
    input  logic                      in_valid,
    input  logic [2:0]                in_mode,
    input  logic [2047:0]             in_a,
    input  logic [2047:0]             in_b,
    output logic                      in_ready,
`ifdef VERILATOR  // one word per PE in the Verilated C++ (a wide vector becomes slow concatenations)
    input  logic signed [31:0]        c_in[ROWS*COLS],  // PE(r,c)'s at [r*COLS + c]
    output logic signed [31:0]        acc[ROWS*COLS],
`else  // yosys reads no unpacked ports
    input  logic [32*ROWS*COLS-1:0]   c_in,
    output logic [32*ROWS*COLS-1:0]   acc,
`endif
    output logic [SKEW-1:0]           first_d,
    output logic [SKEW-1:0]           done_d,
    output logic                      out_valid
);
  localparam int AW = TERNARY ? 8 * TF : 8;
  localparam int BW = (TERNARY && 2 * TF > 8) ? 2 * TF : 8;
  localparam int PR = 16 / ROWS;
  localparam int PC = 16 / COLS;
  localparam int KT = 16 / TF;
  localparam int II8 = PR * PC * 16;
  localparam int IIT = PR * PC * KT;
  localparam int EW = $clog2(II8 + 1);

  initial begin
    if (DEPTH < 1) $error("tile_mac: DEPTH must be >= 1 (the accumulate stage is one)");
    if ((16 % TF) != 0) $error("tile_mac: TF must divide 16");
    if (ROWS > 16 || COLS > 16 || (16 % ROWS) != 0 || (16 % COLS) != 0) $error("tile_mac: ROWS and COLS must divide 16");
  end

  // ---- feeder: the streaming MMA's operands and its step counters ---------------------------
  logic [7:0]      a_cap[16][16], b_cap[16][16];  // [row][byte]: bytes, not wide words, to index
  logic [2:0]      mode_q;
  logic [EW-1:0]   left;  // steps still to put on the edges, this cycle's included
  logic [3:0]      kk;    // step within the pass
  logic [3:0]      pr, pc;  // the pass's row and column block
  logic            tern;
  assign tern = TERNARY && mode_q == 3'd4;
  assign in_ready = (left <= 1);
  logic [3:0] k_last;
  assign k_last = tern ? 4'(KT - 1) : 4'd15;

  always_ff @(posedge clk) begin
    if (rst) begin
      left <= '0;
      kk <= '0;
      pr <= '0;
      pc <= '0;
    end else if (in_valid && in_ready) begin
      for (int r = 0; r < 16; r++)
        for (int j = 0; j < 16; j++) begin
          a_cap[r][j] <= in_a[8*(16*r+j) +: 8];
          b_cap[r][j] <= in_b[8*(16*r+j) +: 8];
        end
      mode_q <= in_mode;
      left <= (TERNARY && in_mode == 3'd4) ? EW'(IIT) : EW'(II8);
      kk <= '0;
      pr <= '0;
      pc <= '0;
    end else if (left != 0) begin
      left <= left - 1'b1;
      if (kk != k_last) kk <= kk + 1'b1;
      else begin
        kk <= '0;
        if (pc != 4'(PC - 1)) pc <= pc + 1'b1;
        else begin
          pc <= '0;
          pr <= pr + 1'b1;
        end
      end
    end
  end

  // This cycle's step on the edges: operands per array row / column and the control token
  // {valid, first, last, fin, mode}.
  logic [6:0]    tok0;
  assign tok0 = {left != 0, kk == 0, kk == k_last, left == 1, mode_q};
  logic [AW-1:0] feed_a[ROWS];
  logic [BW-1:0] feed_b[COLS];
  // The selects are the muxes a synthesis tool should see: output row r of pass row-block pr,
  // byte kk of it (int8 / int4) or TF bytes at TF*kk (ternary, kk < KT); weights alike.
  logic [3:0] kt;
  assign kt = kk & 4'(KT - 1);
  always_comb begin
    for (int r = 0; r < ROWS; r++) begin
      logic [127:0] row_bytes;
      for (int j = 0; j < 16; j++) row_bytes[8*j +: 8] = a_cap[(PR > 1 ? pr * ROWS : 0) + r][j];
      feed_a[r] = '0;
      if (tern) feed_a[r] = row_bytes[8 * TF * kt +: AW];
      else feed_a[r][7:0] = row_bytes[8 * kk +: 8];
    end
    for (int c = 0; c < COLS; c++) begin
      logic [127:0] col_bytes;
      logic [31:0] codes;  // ternary weight row n: its 16 codes are bytes 4n .. 4n+3 of the image
      for (int j = 0; j < 16; j++) col_bytes[8*j +: 8] = b_cap[(PC > 1 ? pc * COLS : 0) + c][j];
      for (int j = 0; j < 4; j++) codes[8*j +: 8] = b_cap[((PC > 1 ? pc * COLS : 0) + c) / 4][4 * (((PC > 1 ? pc * COLS : 0) + c) % 4) + j];
      feed_b[c] = '0;
      if (tern) feed_b[c][2*TF-1:0] = codes[2 * TF * kt +: 2 * TF];
      else feed_b[c][7:0] = col_bytes[8 * kk +: 8];
    end
  end

  // ---- the skew, then the array ------------------------------------------------------------
  // a_w[r][c] / t_w[r][c]: activations / token into PE(r,c) (c = COLS: out of the last column);
  // b_w[r][c]: weights into PE(r,c) (r = ROWS: out of the last row).
  /* verilator lint_off UNUSEDSIGNAL */
  logic [AW-1:0] a_w[ROWS][COLS+1];
  logic [6:0]    t_w[ROWS][COLS+1];
  logic [BW-1:0] b_w[ROWS+1][COLS];
  logic          pe_first[ROWS][COLS], pe_done[ROWS][COLS], pe_fin[ROWS][COLS];
  /* verilator lint_on UNUSEDSIGNAL */

  for (genvar r = 0; r < ROWS; r++) begin : g_skew_row
    if (r == 0) begin : g_0
      assign a_w[0][0] = feed_a[0];
      assign t_w[0][0] = tok0;
    end else begin : g_d
      logic [AW-1:0] sa[r];
      logic [6:0]    st[r];
      always_ff @(posedge clk) begin
        sa[0] <= feed_a[r];
        if (rst) st[0] <= '0;
        else st[0] <= tok0;
        for (int i = 1; i < r; i++) begin
          sa[i] <= sa[i-1];
          if (rst) st[i] <= '0;
          else st[i] <= st[i-1];
        end
      end
      assign a_w[r][0] = sa[r-1];
      assign t_w[r][0] = st[r-1];
    end
  end
  for (genvar c = 0; c < COLS; c++) begin : g_skew_col
    if (c == 0) begin : g_0
      assign b_w[0][0] = feed_b[0];
    end else begin : g_d
      logic [BW-1:0] sb[c];
      always_ff @(posedge clk) begin
        sb[0] <= feed_b[c];
        for (int i = 1; i < c; i++) sb[i] <= sb[i-1];
      end
      assign b_w[0][c] = sb[c-1];
    end
  end

  for (genvar r = 0; r < ROWS; r++) begin : g_row
    for (genvar c = 0; c < COLS; c++) begin : g_col
      logic signed [31:0] pe_c, pe_acc;
`ifdef VERILATOR
      assign pe_c = c_in[r*COLS+c];
      assign acc[r*COLS+c] = pe_acc;
`else
      assign pe_c = c_in[32*(r*COLS+c) +: 32];
      assign acc[32*(r*COLS+c) +: 32] = pe_acc;
`endif
      systolic_pe #(.TF(TF), .DEPTH(DEPTH), .INT8(INT8), .INT4(INT4), .TERNARY(TERNARY)) u_pe (
          .clk(clk), .rst(rst),
          .ctl_in(t_w[r][c]), .a_in(a_w[r][c]), .b_in(b_w[r][c]),
          .ctl_out(t_w[r][c+1]), .a_out(a_w[r][c+1]), .b_out(b_w[r+1][c]),
          .c_in(pe_c), .acc(pe_acc),
          .acc_first(pe_first[r][c]), .acc_done(pe_done[r][c]), .acc_fin(pe_fin[r][c]));
    end
  end

  // Diagonal d's flags, read off one of its PEs (all of a diagonal share the token's timing).
  for (genvar d = 0; d < SKEW; d++) begin : g_diag
    localparam int R = d < ROWS ? d : ROWS - 1;
    assign first_d[d] = pe_first[R][d-R];
    assign done_d[d] = pe_done[R][d-R];
  end
  assign out_valid = pe_fin[ROWS-1][COLS-1];
endmodule

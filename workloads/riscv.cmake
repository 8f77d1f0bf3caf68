# Building bare RV32IM guest programs with Debian's riscv64-unknown-elf-gcc and picolibc.
#   add_riscv_program(<target> OUTPUT <elf path> OPT <-O0|-O2> SOURCES <files...> [HEADERS <files...>]
#                     [RUNTIME NONE] [LINK_SCRIPT <ld>])
# HEADERS: the sources' own headers, so editing one rebuilds the program.
# Sources compile with rv32im_zicsr (csrr needs it); the link uses rv32im so GCC picks the
# rv32im/ilp32 multilib of picolibc and libgcc.
find_program(RISCV_GCC riscv64-unknown-elf-gcc REQUIRED)
set(TILESIM_RT_DIR ${CMAKE_CURRENT_LIST_DIR}/rt)
set(RISCV_COMMON_FLAGS -mabi=ilp32 --specs=picolibc.specs -Wall -Wextra -g)

function(add_riscv_program target)
  cmake_parse_arguments(P "" "OUTPUT;OPT;RUNTIME;LINK_SCRIPT;ARCH" "SOURCES;HEADERS;INCLUDES" ${ARGN})
  if(NOT P_ARCH)
    set(P_ARCH rv32im_zicsr)  # compile ISA (ARCH rv32ima_zicsr for atomics); the link is always rv32im
  endif()
  set(incs)
  foreach(d ${P_INCLUDES})
    list(APPEND incs -I${d})
  endforeach()
  if(NOT P_LINK_SCRIPT)
    set(P_LINK_SCRIPT ${TILESIM_RT_DIR}/link.ld)
  endif()
  set(srcs ${P_SOURCES})
  if(NOT P_RUNTIME STREQUAL "NONE")
    list(PREPEND srcs ${TILESIM_RT_DIR}/crt0.S ${TILESIM_RT_DIR}/rt.c)
  endif()
  set(objs)
  set(cmds)
  set(objdir ${CMAKE_CURRENT_BINARY_DIR}/${target}.objs)
  foreach(src ${srcs})
    get_filename_component(base ${src} NAME)
    set(obj ${objdir}/${base}.o)
    list(APPEND objs ${obj})
    list(APPEND cmds COMMAND ${RISCV_GCC} -march=${P_ARCH} ${RISCV_COMMON_FLAGS} ${P_OPT}
         -I${TILESIM_RT_DIR} -I${TILESIM_RT_DIR}/../common ${incs} -I${XTILE_HEADER_DIR} -c ${src} -o ${obj})
  endforeach()
  get_filename_component(outdir ${P_OUTPUT} DIRECTORY)
  add_custom_command(
    OUTPUT ${P_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${objdir} ${outdir}
    ${cmds}
    COMMAND ${RISCV_GCC} -march=rv32im ${RISCV_COMMON_FLAGS} -nostartfiles -static -T ${P_LINK_SCRIPT}
            -o ${P_OUTPUT} ${objs}
    DEPENDS ${srcs} ${P_HEADERS} ${P_LINK_SCRIPT} ${TILESIM_RT_DIR}/tilesim_rt.h ${XTILE_HEADER_DIR}/xtile.h
    COMMENT "RISC-V ${target}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS ${P_OUTPUT})
  add_dependencies(${target} xtile_header)
endfunction()

/**
 * Realistic config.ml files of a given size for the benchmarks: the patterns of real
 * unikernels (stacks per interface, storage, keys, helpers, choices per target) repeated
 * with fresh names until the file has the requested number of lines.
 */
export function generateConfig(lines: number): string {
  const out: string[] = ['(* mirage >= 4.11.0 & < 4.12.0 *)', 'open Mirage', ''];
  const jobs: string[] = [];
  for (let i = 0; out.length < lines - 4; i++) {
    const block = [
      `let nic_${i} = netif ~group:"net${i}" "tap${i}"`,
      `let stack_${i} = generic_stackv4v6 ~group:"net${i}" nic_${i}`,
      `let he_${i} = generic_happy_eyeballs stack_${i}`,
      `let dns_${i} = generic_dns_client ~nameservers:[ "udp:192.0.2.${i % 250}" ] stack_${i} he_${i}`,
      `let tls_${i} =`,
      `  let doc = Key.Arg.info ~doc:"Serve TLS on interface ${i}." [ "tls-${i}" ] in`,
      `  Key.create "tls_${i}" Key.Arg.(flag doc)`,
      `let conduit_${i} =`,
      `  if_impl (Key.value tls_${i}) (conduit_direct ~tls:true stack_${i}) (conduit_direct stack_${i})`,
      `let store_${i} =`,
      `  match_impl Key.(value target)`,
      `    [ (\`Unix, direct_kv_ro "htdocs${i}"); (\`MacOSX, direct_kv_ro "htdocs${i}") ]`,
      `    ~default:(crunch "htdocs${i}")`,
      `let make_disk_${i} ?(size = ${i}) name = if size > 0 then ramdisk name else block_of_file name`,
      `let disk_${i} = make_disk_${i} "disk${i}"`,
      `let web_${i} = main "Unikernel.Web${i}" (http @-> kv_ro @-> dns_client @-> block @-> job)`,
      `let job_${i} = web_${i} $ cohttp_server conduit_${i} $ store_${i} $ dns_${i} $ disk_${i}`,
      '',
    ];
    out.push(...block);
    jobs.push(`job_${i}`);
  }
  out.push('let () =', `  register "bench" [ ${jobs.join('; ')} ]`, '');
  return out.join('\n');
}

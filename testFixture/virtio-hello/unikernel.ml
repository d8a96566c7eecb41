module Hello = struct
  let start () =
    Logs.info (fun m -> m "hello from virtio-hello");
    Lwt.return_unit
end

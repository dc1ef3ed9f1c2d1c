function _corpus_completion;
    set -l response (env _CORPUS_COMPLETE=fish_complete COMP_WORDS=(commandline -cp) COMP_CWORD=(commandline -t) corpus);
    set -l before (string match -r -- '^--[^=]*=' (commandline -t); or echo '');  # one item, even empty

    for completion in $response;
        set -l metadata (string split -m 1 "," $completion);

        if test $metadata[1] = "dir";
            __fish_complete_directories $metadata[2];
        else if test $metadata[1] = "file";
            __fish_complete_path $metadata[2];
        else if test $metadata[1] = "plain";
            echo $before$metadata[2];
        end;
    end;
end;

complete --no-files --keep-order --command corpus --arguments "(_corpus_completion)";

window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/ij6ulvDiod",
            "expanded_url" : "https://guykawasaki.example/art-of-the-start",
            "display_url" : "guykawasaki.example/art-o…",
            "indices" : [
              "46",
              "69"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "69"
      ],
      "favorite_count" : "0",
      "id_str" : "1105136297519009867",
      "truncated" : false,
      "retweet_count" : "41",
      "id" : "1105136297519009867",
      "created_at" : "Mon Mar 11 16:00:00 +0000 2019",
      "favorited" : false,
      "full_text" : "The Art of the Start 2.0, now in 12 languages https://t.co/ij6ulvDiod",
      "lang" : "en",
      "possibly_sensitive" : false
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "screen_name" : "DellSmBizOffers",
            "name" : "Dell SMB Offers",
            "id" : "80431187",
            "id_str" : "80431187",
            "indices" : [
              "0",
              "16"
            ]
          }
        ],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "41"
      ],
      "favorite_count" : "0",
      "id_str" : "869659680761995338",
      "truncated" : false,
      "retweet_count" : "1",
      "id" : "869659680761995338",
      "created_at" : "Tue May 30 21:00:00 +0000 2017",
      "favorited" : false,
      "full_text" : "@dellsmbizoffers great deal for startups!",
      "lang" : "en",
      "in_reply_to_status_id_str" : "869647100454367305",
      "in_reply_to_user_id" : "80431187",
      "in_reply_to_status_id" : "869647100454367305",
      "in_reply_to_screen_name" : "DellSmBizOffers",
      "in_reply_to_user_id_str" : "80431187"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "https://t.co/TX492ftHBV",
            "expanded_url" : "https://alltop.com/social-media",
            "display_url" : "alltop.com/social-media",
            "indices" : [
              "36",
              "59"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "59"
      ],
      "favorite_count" : "0",
      "id_str" : "568824905097904200",
      "truncated" : false,
      "retweet_count" : "64",
      "id" : "568824905097904200",
      "created_at" : "Fri Feb 20 17:30:00 +0000 2015",
      "favorited" : false,
      "full_text" : "Social media tips for entrepreneurs https://t.co/TX492ftHBV",
      "lang" : "en",
      "possibly_sensitive" : false
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/Ga0jynDYpf",
            "expanded_url" : "http://apethebook.example",
            "display_url" : "apethebook.example",
            "indices" : [
              "65",
              "87"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "87"
      ],
      "favorite_count" : "0",
      "id_str" : "387608325661593671",
      "truncated" : false,
      "retweet_count" : "88",
      "id" : "387608325661593671",
      "created_at" : "Tue Oct 08 16:00:00 +0000 2013",
      "favorited" : false,
      "full_text" : "APE: Author, Publisher, Entrepreneur. How to self-publish a book http://t.co/Ga0jynDYpf",
      "lang" : "en",
      "possibly_sensitive" : false
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [],
        "media" : [
          {
            "expanded_url" : "http://twitter.com/GuyKawasaki/status/198149934669930566/photo/1",
            "indices" : [
              "23",
              "45"
            ],
            "url" : "http://t.co/kRWt6YJT75",
            "media_url" : "http://pbs.twimg.com/media/EXxQ8aXUYAE3pZo.jpg",
            "id_str" : "198149893435912273",
            "id" : "198149893435912273",
            "media_url_https" : "https://pbs.twimg.com/media/EXxQ8aXUYAE3pZo.jpg",
            "sizes" : {
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              },
              "small" : {
                "w" : "680",
                "h" : "453",
                "resize" : "fit"
              },
              "medium" : {
                "w" : "1200",
                "h" : "800",
                "resize" : "fit"
              },
              "large" : {
                "w" : "2048",
                "h" : "1365",
                "resize" : "fit"
              }
            },
            "type" : "photo",
            "display_url" : "pic.twitter.com/kRWt6YJT75"
          }
        ]
      },
      "display_text_range" : [
        "0",
        "22"
      ],
      "favorite_count" : "40",
      "id_str" : "198149934669930566",
      "truncated" : false,
      "retweet_count" : "12",
      "id" : "198149934669930566",
      "created_at" : "Thu May 03 20:40:00 +0000 2012",
      "favorited" : false,
      "full_text" : "My new favorite office http://t.co/kRWt6YJT75",
      "lang" : "en",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "http://twitter.com/GuyKawasaki/status/198149934669930566/photo/1",
            "indices" : [
              "23",
              "45"
            ],
            "url" : "http://t.co/kRWt6YJT75",
            "media_url" : "http://pbs.twimg.com/media/EXxQ8aXUYAE3pZo.jpg",
            "id_str" : "198149893435912273",
            "id" : "198149893435912273",
            "media_url_https" : "https://pbs.twimg.com/media/EXxQ8aXUYAE3pZo.jpg",
            "sizes" : {
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              },
              "small" : {
                "w" : "680",
                "h" : "453",
                "resize" : "fit"
              },
              "medium" : {
                "w" : "1200",
                "h" : "800",
                "resize" : "fit"
              },
              "large" : {
                "w" : "2048",
                "h" : "1365",
                "resize" : "fit"
              }
            },
            "type" : "photo",
            "display_url" : "pic.twitter.com/kRWt6YJT75"
          }
        ]
      }
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/VnxCZADeTQ",
            "expanded_url" : "http://smallbusiness.alltop.com/enchantment-small-business",
            "display_url" : "smallbusiness.alltop.com/…",
            "indices" : [
              "34",
              "56"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "56"
      ],
      "favorite_count" : "0",
      "id_str" : "169481026380116037",
      "truncated" : false,
      "retweet_count" : "35",
      "id" : "169481026380116037",
      "created_at" : "Tue Feb 14 18:00:00 +0000 2012",
      "favorited" : false,
      "full_text" : "Enchantment &amp; small business: http://t.co/VnxCZADeTQ",
      "lang" : "en",
      "possibly_sensitive" : false
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "72"
      ],
      "favorite_count" : "30",
      "id_str" : "109283182599848004",
      "truncated" : false,
      "retweet_count" : "210",
      "id" : "109283182599848004",
      "created_at" : "Thu Sep 01 15:15:15 +0000 2011",
      "favorited" : false,
      "full_text" : "Entrepreneurs: ship, then test, then ship again. Don't worry, be crappy.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/j0QAEtKtHp",
            "expanded_url" : "http://holykaw.alltop.com/how-to-pitch",
            "display_url" : "holykaw.alltop.com/how-to…",
            "indices" : [
              "26",
              "48"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "48"
      ],
      "favorite_count" : "0",
      "id_str" : "90465373199224899",
      "truncated" : false,
      "retweet_count" : "77",
      "id" : "90465373199224899",
      "created_at" : "Mon Jul 11 17:00:00 +0000 2011",
      "favorited" : false,
      "full_text" : "How to make a great pitch http://t.co/j0QAEtKtHp",
      "lang" : "en",
      "possibly_sensitive" : false
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "screen_name" : "tech4buziness",
            "name" : "Mark Benton | Tech 4 Biz",
            "id" : "38754120",
            "id_str" : "38754120",
            "indices" : [
              "0",
              "14"
            ]
          }
        ],
        "urls" : [
          {
            "url" : "http://t.co/lUNkVw4X9z",
            "expanded_url" : "http://entrepreneurs.alltop.com/bootstrapping-101",
            "display_url" : "entrepreneurs.alltop.com/…",
            "indices" : [
              "74",
              "96"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "96"
      ],
      "favorite_count" : "2",
      "id_str" : "76307618578763783",
      "truncated" : false,
      "retweet_count" : "4",
      "id" : "76307618578763783",
      "created_at" : "Thu Jun 02 15:22:08 +0000 2011",
      "favorited" : false,
      "full_text" : "@tech4buziness thanks for the RT! More on bootstrapping a small business: http://t.co/lUNkVw4X9z",
      "lang" : "en",
      "in_reply_to_status_id_str" : "76301711408668678",
      "in_reply_to_user_id" : "38754120",
      "in_reply_to_status_id" : "76301711408668678",
      "in_reply_to_screen_name" : "tech4buziness",
      "in_reply_to_user_id_str" : "38754120",
      "possibly_sensitive" : false
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "seesmic",
            "indices" : [
              "56",
              "64"
            ]
          }
        ],
        "symbols" : [],
        "user_mentions" : [
          {
            "screen_name" : "loic",
            "name" : "Loic Le Meur",
            "id" : "9421763",
            "id_str" : "9421763",
            "indices" : [
              "0",
              "5"
            ]
          }
        ],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "64"
      ],
      "favorite_count" : "0",
      "id_str" : "66036906253410370",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "66036906253410370",
      "created_at" : "Thu May 05 07:10:00 +0000 2011",
      "favorited" : false,
      "full_text" : "@loic great model: free for people, paid for companies. #seesmic",
      "lang" : "en",
      "in_reply_to_status_id_str" : "66029444929716248",
      "in_reply_to_user_id" : "9421763",
      "in_reply_to_status_id" : "66029444929716248",
      "in_reply_to_screen_name" : "loic",
      "in_reply_to_user_id_str" : "9421763"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [
          {
            "screen_name" : "loic",
            "name" : "Loic Le Meur",
            "id" : "9421763",
            "id_str" : "9421763",
            "indices" : [
              "3",
              "8"
            ]
          }
        ],
        "urls" : []
      },
      "display_text_range" : [
        "0",
        "140"
      ],
      "favorite_count" : "0",
      "id_str" : "50236336544051265",
      "truncated" : false,
      "retweet_count" : "60",
      "id" : "50236336544051265",
      "created_at" : "Tue Mar 22 16:44:10 +0000 2011",
      "favorited" : false,
      "full_text" : "RT @loic: Seesmic Desktop now has columns for Facebook pages &amp; LinkedIn, and it's still free for everyone. Try it http://t.co/wztKwjEb5…",
      "lang" : "en",
      "possibly_sensitive" : false
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/W8E2kdKbr3",
            "expanded_url" : "http://entrepreneurs.alltop.com/10-questions",
            "display_url" : "entrepreneurs.alltop.com/…",
            "indices" : [
              "48",
              "70"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "70"
      ],
      "favorite_count" : "0",
      "id_str" : "35782556260208703",
      "truncated" : false,
      "retweet_count" : "40",
      "id" : "35782556260208703",
      "created_at" : "Thu Feb 10 19:30:00 +0000 2011",
      "favorited" : false,
      "full_text" : "10 questions to ask before you start a business http://t.co/W8E2kdKbr3",
      "lang" : "en",
      "possibly_sensitive" : false
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com\" rel=\"nofollow\">Twitter Web Client</a>",
      "entities" : {
        "hashtags" : [],
        "symbols" : [],
        "user_mentions" : [],
        "urls" : [
          {
            "url" : "http://t.co/d5IteaZRRq",
            "expanded_url" : "http://entrepreneurs.alltop.com/the-art-of-bootstrapping",
            "display_url" : "entrepreneurs.alltop.com/…",
            "indices" : [
              "26",
              "48"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "48"
      ],
      "favorite_count" : "0",
      "id_str" : "22713942266945598",
      "truncated" : false,
      "retweet_count" : "52",
      "id" : "22713942266945598",
      "created_at" : "Wed Jan 05 18:00:00 +0000 2011",
      "favorited" : false,
      "full_text" : "The art of bootstrapping: http://t.co/d5IteaZRRq",
      "lang" : "en",
      "possibly_sensitive" : false
    }
  }
]
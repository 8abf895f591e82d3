window.YTD.direct_messages.part0 = [
  {
    "dmConversation" : {
      "conversationId" : "15434007-9533117",
      "messages" : [
        {
          "messageCreate" : {
            "recipientId" : "9533117",
            "reactions" : [],
            "urls" : [],
            "text" : "The new entrepreneurship feeds are live. Codeword for the launch party: quokka-pineapple",
            "mediaUrls" : [],
            "senderId" : "15434007",
            "id" : "1215568290417123329",
            "createdAt" : "2020-01-10T09:45:12.104Z"
          }
        },
        {
          "messageCreate" : {
            "recipientId" : "15434007",
            "reactions" : [],
            "urls" : [],
            "text" : "Great, see you there!",
            "mediaUrls" : [],
            "senderId" : "9533117",
            "id" : "1215570011233902593",
            "createdAt" : "2020-01-10T09:52:02.331Z"
          }
        }
      ]
    }
  }
]